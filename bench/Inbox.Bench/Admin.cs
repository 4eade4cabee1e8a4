using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;

namespace Inbox.Bench;

/// <summary>What an administrator does before the load: sign in like the console, mint an API token, create an API channel.</summary>
public static class Admin
{
    public sealed record Setup(string BearerToken, long ChannelId, string InboundToken);

    public static async Task<Setup> PrepareAsync(Uri baseAddress, CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true };
        using var browser = new HttpClient(handler) { BaseAddress = baseAddress };

        await EnsureAsync(await browser.PostAsJsonAsync(Routes.Login, new LoginRequest(ServerProcess.AdminEmail, ServerProcess.AdminPassword), ct), "sign in", ct);
        var antiforgery = await browser.GetFromJsonAsync<AntiforgeryTokenDto>(Routes.Antiforgery, ct) ?? throw new InvalidOperationException("No antiforgery token");
        browser.DefaultRequestHeaders.Add(antiforgery.HeaderName, antiforgery.Token);

        var tokenResponse = await browser.PostAsJsonAsync(Routes.Tokens, new CreateApiTokenRequest("bench"), ct);
        await EnsureAsync(tokenResponse, "mint an API token", ct);
        var token = (await tokenResponse.Content.ReadFromJsonAsync<ApiTokenCreatedDto>(ct))!.Secret;

        using var api = new HttpClient { BaseAddress = baseAddress };
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var channelResponse = await api.PostAsJsonAsync(Routes.Channels,
            new CreateChannelRequest(ChannelTypes.Api, "Bench", new() { ["webhookUrl"] = "http://127.0.0.1:9/x" }, null), ct);
        await EnsureAsync(channelResponse, "create the API channel", ct);
        var channel = (await channelResponse.Content.ReadFromJsonAsync<ChannelCreatedDto>(ct))!;
        return new Setup(token, channel.Channel.Id, channel.InboundToken ?? throw new InvalidOperationException("The API channel came without an inbound token"));
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(ct);
        throw new InvalidOperationException($"Could not {what}: {(int)response.StatusCode} {body}");
    }
}
