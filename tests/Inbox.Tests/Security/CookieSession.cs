using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;

namespace Inbox.Tests.Security;

/// <summary>
/// A console sign-in held as raw cookies, so a test can do what an attacker with a stolen cookie does: copy it into
/// another client (or another node) and keep using it. Every client made here sends the same cookies and antiforgery token.
/// </summary>
public sealed class CookieSession
{
    private CookieSession(string cookieHeader, string antiforgery)
    {
        CookieHeader = cookieHeader;
        Antiforgery = antiforgery;
    }

    /// <summary>"inbox.auth=…; inbox.xsrf=…", as the browser sends them.</summary>
    public string CookieHeader { get; }

    public string Antiforgery { get; }

    public static async Task<CookieSession> SignInAsync(InboxAppFactory app, string email, string password)
    {
        var plain = app.CreateClient(new() { HandleCookies = false });
        var login = await plain.PostAsJsonAsync(Routes.Login, new LoginRequest(email, password));
        login.EnsureSuccessOrDump();
        var auth = CookiePair(login, "inbox.auth");
        using var ask = new HttpRequestMessage(HttpMethod.Get, Routes.Antiforgery);
        ask.Headers.Add("Cookie", auth);
        var answer = await plain.SendAsync(ask);
        var token = await answer.ReadJsonOrDumpAsync<AntiforgeryTokenDto>();
        return new CookieSession($"{auth}; {CookiePair(answer, "inbox.xsrf")}", token.Token);
    }

    /// <summary>A client carrying this session's cookies, on <paramref name="app"/> (another node, possibly).</summary>
    public HttpClient Client(InboxAppFactory app)
    {
        var client = app.CreateClient(new() { HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", CookieHeader);
        client.DefaultRequestHeaders.Add(Routes.AntiforgeryHeader, Antiforgery);
        return client;
    }

    /// <summary>The console's live connection, authorised by this cookie (long polling over the in-memory server).</summary>
    public async Task<AgentLiveClient> ConnectAsync(InboxAppFactory app)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, Routes.AgentHub), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.Headers["Cookie"] = CookieHeader;
            })
            .Build();
        var live = new AgentLiveClient(connection);
        await connection.StartAsync();
        await connection.InvokeAsync<long>(nameof(IAgentHub.GetLatestEventId));
        return live;
    }

    private static string CookiePair(HttpResponseMessage response, string name)
    {
        var header = response.Headers.GetValues("Set-Cookie").FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"No {name} cookie was set ({(int)response.StatusCode})");
        return header.Split(';')[0];
    }
}
