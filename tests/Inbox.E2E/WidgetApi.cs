using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Inbox.Contracts;

namespace Inbox.E2E;

/// <summary>The shop admin's side of the widget scenarios (a signed-in cookie client), and a visitor's plain HTTP calls.</summary>
public sealed class WidgetApi(Uri baseAddress)
{
    private readonly HttpClient _admin = new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };
    private bool _signedIn;

    public async Task<(long Id, string Key, string Secret)> CreateWebChatAsync(string allowedOrigins, bool sneakPeek = false, bool preChat = false)
    {
        await SignInAsync();
        var response = await _admin.PostAsJsonAsync(Routes.Channels, new CreateChannelRequest(ChannelTypes.WebChat, "Tienda web", new()
        {
            ["allowedOrigins"] = allowedOrigins,
            ["greeting"] = "Hi! How can we help?",
            ["brandColor"] = "#0a7d4f",
            ["sneakPeek"] = sneakPeek ? "true" : "false",
            ["preChatForm"] = preChat ? "true" : "false",
        }, null));
        response.EnsureSuccessStatusCode();
        var created = (await response.Content.ReadFromJsonAsync<ChannelCreatedDto>())!;
        var snippet = (await _admin.GetFromJsonAsync<WidgetSnippetDto>(WidgetRoutes.Snippet(created.Channel.Id)))!;
        Assert.Contains($"data-channel=\"{snippet.Key}\"", snippet.ScriptTag);
        return (created.Channel.Id, snippet.Key, created.GeneratedSecrets["identitySecret"]);
    }

    public async Task<ConversationDto> ConversationOnChannelAsync(long channelId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var page = (await _admin.GetFromJsonAsync<ConversationPage>(Routes.Conversations))!;
            if (page.Items.FirstOrDefault(c => c.LastChannelId == channelId) is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"No conversation on channel {channelId}");
            await Task.Delay(100);
        }
    }

    public async Task<MessageDto> ReplyAsync(long conversationId, string text)
    {
        var response = await _admin.PostAsJsonAsync(Routes.ConversationMessages(conversationId), new ReplyRequest(text));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<MessageDto>())!;
    }

    public async Task<IReadOnlyList<LiveVisitorDto>> LiveVisitorsAsync() => (await _admin.GetFromJsonAsync<List<LiveVisitorDto>>(WidgetRoutes.LiveVisitors))!;

    public async Task<MessageDto> InviteAsync(string visitorId, string text)
    {
        var response = await _admin.PostAsJsonAsync(WidgetRoutes.Invite(visitorId), new InviteVisitorRequest(text));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<MessageDto>())!;
    }

    public async Task<string> AdminTokenAsync()
    {
        await SignInAsync();
        var response = await _admin.PostAsJsonAsync(Routes.Tokens, new CreateApiTokenRequest("e2e-widget"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ApiTokenCreatedDto>())!.Secret;
    }

    /// <summary>A signed-in customer on another device: writes into the thread of the site's user <paramref name="userId"/>.</summary>
    public async Task KnownCustomerWritesAsync(string key, string origin, string secret, string userId, string text)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Add("Origin", origin);
        var session = (await (await http.PostAsJsonAsync(WidgetRoutes.Sessions(key), new WidgetSessionRequest(null))).Content.ReadFromJsonAsync<WidgetSessionDto>())!;
        http.DefaultRequestHeaders.Add(WidgetRoutes.VisitorHeader, session.Token);
        (await http.PostAsJsonAsync(WidgetRoutes.Identify(key), new WidgetIdentifyRequest(userId, null, "Marta", Sign(secret, userId)))).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync(WidgetRoutes.Messages(key), new WidgetSendRequest(text, "known-1"))).EnsureSuccessStatusCode();
    }

    /// <summary>What the shop's backend computes for Inbox.setUser: HMAC-SHA256 of the user id with the channel's secret.</summary>
    public static string Sign(string secret, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(value)));

    private async Task SignInAsync()
    {
        if (_signedIn) return;
        (await _admin.PostAsJsonAsync(Routes.Login, new LoginRequest(ServerProcess.AdminEmail, ServerProcess.AdminPassword))).EnsureSuccessStatusCode();
        var antiforgery = (await _admin.GetFromJsonAsync<AntiforgeryTokenDto>(Routes.Antiforgery))!;
        _admin.DefaultRequestHeaders.Add(antiforgery.HeaderName, antiforgery.Token);
        _signedIn = true;
    }
}
