using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Inbox.Contracts;

namespace Inbox.E2E;

/// <summary>The integrator's side of a scenario: an API channel and customers writing in.</summary>
public sealed class InboxApi(Uri baseAddress)
{
    private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };

    public async Task<(long ChannelId, string Token)> CreateApiChannelAsync()
    {
        (await _http.PostAsJsonAsync(Routes.Login, new LoginRequest(ServerProcess.AdminEmail, ServerProcess.AdminPassword))).EnsureSuccessStatusCode();
        var antiforgery = (await _http.GetFromJsonAsync<AntiforgeryTokenDto>(Routes.Antiforgery))!;
        _http.DefaultRequestHeaders.Add(antiforgery.HeaderName, antiforgery.Token);
        var response = await _http.PostAsJsonAsync(Routes.Channels, new CreateChannelRequest(ChannelTypes.Api, "Tienda online", new() { ["webhookUrl"] = "http://127.0.0.1:9/x" }, null));
        response.EnsureSuccessStatusCode();
        var created = (await response.Content.ReadFromJsonAsync<ChannelCreatedDto>())!;
        return (created.Channel.Id, created.InboundToken!);
    }

    /// <summary>An admin call (after <see cref="CreateApiChannelAsync"/> signed in): canned responses, labels, agents.</summary>
    public async Task<T> AdminPostAsync<T>(string route, object body)
    {
        var response = await _http.PostAsJsonAsync(route, body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    public async Task<ApiInboundAccepted> CustomerWritesAsync(long channelId, string token, string messageId, string phone, string name, string text)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Routes.ChannelInbound(channelId))
        {
            Content = JsonContent.Create(new ApiInboundMessage(messageId, new ApiSender(phone, "phone", name), text, null)),
        };
        request.Headers.Add(Routes.ChannelTokenHeader, token);
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress };
        var response = await anonymous.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ApiInboundAccepted>())!;
    }

    /// <summary>Many messages from one customer, several in flight at a time on one connection pool (a long thread in
    /// seconds); they are stored in the order the server takes them.</summary>
    public async Task CustomerWritesManyAsync(long channelId, string token, string phone, string name, IReadOnlyList<(string MessageId, string Text)> messages, int inFlight = 16)
    {
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress };
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = inFlight }, async (message, ct) =>
        {
            while (true)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, Routes.ChannelInbound(channelId))
                {
                    Content = JsonContent.Create(new ApiInboundMessage(message.MessageId, new ApiSender(phone, "phone", name), message.Text, null)),
                };
                request.Headers.Add(Routes.ChannelTokenHeader, token);
                using var response = await anonymous.SendAsync(request, ct);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    // Faster than the channel's flood limit: wait the time the server says, as an integrator would.
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), ct);
                    continue;
                }
                response.EnsureSuccessStatusCode();
                return;
            }
        });
    }
}
