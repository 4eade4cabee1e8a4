using System.Diagnostics;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Server.Hubs;
using Inbox.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Live;

/// <summary>
/// One agent's connection stops reading. Over real sockets (Kestrel on loopback; the in-memory server has no
/// backpressure): customers' messages are still accepted at once, another agent still gets every push, and the
/// frozen connection is dropped (it would reconnect and replay).
/// </summary>
public sealed class SlowClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DropBound = TimeSpan.FromSeconds(45);

    private readonly InboxAppFactory _app = new(settings: new()
    {
        ["Inbox:Live:ClientQueueLimit"] = "64",
        ["Inbox:Live:ClientSendTimeout"] = "00:00:01",
    });
    private Uri _base = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _app.UseKestrel(0);
        _app.StartServer();
        _base = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        _http = new HttpClient { BaseAddress = _base };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_client_that_stops_reading_delays_no_one_and_is_dropped()
    {
        var adminToken = await TokenAsync(InboxAppFactory.AdminEmail, InboxAppFactory.AdminPassword);
        using var admin = new HttpClient { BaseAddress = _base };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", adminToken);
        var frozenUser = await admin.PostJsonAsync<UserDto>(Routes.Users, new CreateUserRequest("frozen@shop.test", "Frozen", Roles.Agent, InboxAppIntents.AgentPassword));
        var frozenToken = await TokenAsync("frozen@shop.test", InboxAppIntents.AgentPassword);
        var channel = (await admin.PostJsonAsync<ChannelCreatedDto>(Routes.Channels,
            new CreateChannelRequest(ChannelTypes.Api, "Shop", new() { ["webhookUrl"] = "http://127.0.0.1:9/unused" }, null)));
        var connections = _app.Services.GetRequiredService<AgentConnections>();

        await using var frozen = await FrozenHubClient.ConnectAsync(_base, frozenToken);
        await using var healthy = await ConnectAsync(adminToken);
        Assert.Equal(1, connections.Count(frozenUser.Id));

        var slowest = TimeSpan.Zero;
        var sent = new List<long>();
        // Long texts fill the frozen client's socket and SignalR's buffers after a few hundred pushes. How many depends
        // on the kernel's buffers and how long the abort takes on this machine, so the bound is time, not a count.
        var text = new string('x', 15_000);
        var sending = Stopwatch.StartNew();
        for (var i = 0; connections.Count(frozenUser.Id) > 0 && sending.Elapsed < DropBound; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Routes.ChannelInbound(channel.Channel.Id))
            {
                Content = JsonContent.Create(new ApiInboundMessage($"slow-{i}", new ApiSender($"customer-{i % 20}", "external", null), $"{i} {text}", null)),
            };
            request.Headers.Add(Routes.ChannelTokenHeader, channel.InboundToken);
            var clock = Stopwatch.StartNew();
            var accepted = await (await _http.SendAsync(request)).ReadJsonOrDumpAsync<ApiInboundAccepted>();
            slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
            sent.Add(accepted.MessageId);
        }

        Assert.True(connections.Count(frozenUser.Id) == 0, $"the frozen connection was still open after {sent.Count} pushes in {DropBound.TotalSeconds:N0} s");
        Assert.True(slowest < Bound, $"The slowest inbound request took {slowest.TotalMilliseconds:N0} ms while a client was frozen");
        var last = sent[^1];
        await healthy.WaitForAsync<MessageDto>(nameof(IAgentClient.MessageReceived), m => m.Id == last, Bound);
        var pushed = healthy.Received.Where(r => r.Method == nameof(IAgentClient.MessageReceived)).Select(r => ((MessageDto)r.Payload).Id).ToList();
        Assert.Equal(sent, pushed);
    }

    /// <summary>Signs in over real HTTP like the console (cookie + antiforgery) and mints an API token.</summary>
    private async Task<string> TokenAsync(string email, string password)
    {
        using var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = _base };
        (await browser.PostAsJsonAsync(Routes.Login, new LoginRequest(email, password))).EnsureSuccessOrDump();
        var antiforgery = await browser.GetJsonAsync<AntiforgeryTokenDto>(Routes.Antiforgery);
        browser.DefaultRequestHeaders.Add(antiforgery.HeaderName, antiforgery.Token);
        return (await browser.PostJsonAsync<ApiTokenCreatedDto>(Routes.Tokens, new CreateApiTokenRequest("tests"))).Secret;
    }

    private async Task<AgentLiveClient> ConnectAsync(string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_base, Routes.AgentHub), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        var live = new AgentLiveClient(connection);
        await connection.StartAsync();
        await connection.InvokeAsync<long>(nameof(IAgentHub.GetLatestEventId));
        return live;
    }
}
