using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;

namespace Inbox.Connectors.Api;

/// <summary>
/// Chatwoot-style API channel: integrators push customer messages in over our HTTP API and receive agent
/// replies on their signed webhook. A 2xx answer means accepted; 408, 429 and 5xx are retried; other 4xx are final.
/// </summary>
public sealed class ApiChannelConnector(IHttpClientFactory httpClients, TimeProvider time) : IChannelConnector
{
    public const string WebhookUrlSetting = "webhookUrl";
    public const string WebhookSecret = "webhookSecret";
    public const string HttpClientName = "api-channel";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ChannelType => ChannelTypes.Api;

    public LocalizedText DisplayName { get; } = new("API (your own systems)", "API (tus propios sistemas)");

    public ChannelCapabilities Capabilities => ChannelCapabilities.Text;

    public ChannelSettingsSchema Schema { get; } = new([
        new(WebhookUrlSetting, SettingKind.Url, new("Webhook URL", "URL del webhook"))
        {
            Help = new("Agent replies are POSTed here, signed with the webhook secret.",
                "Las respuestas de los agentes se envían aquí por POST, firmadas con el secreto del webhook."),
        },
        new(WebhookSecret, SettingKind.Secret, new("Webhook secret", "Secreto del webhook"))
        {
            Generated = true,
            Help = new("Leave empty to have one generated; it is shown once.", "Déjalo vacío para generar uno; se muestra una sola vez."),
        },
    ]);

    /// <summary>Attachments do not travel on the API channel yet (its inbound contract is text): no file is accepted.</summary>
    public long MaxAttachmentBytes => 0;

    public bool CanReach(IdentityKind kind) => kind is IdentityKind.External or IdentityKind.Phone or IdentityKind.Email;

    public async Task<SendResult> SendAsync(ChannelContext channel, OutboundMessage message, CancellationToken ct)
    {
        if (!TryWebhook(channel, out var url, out var problem)) return SendResult.Rejected(problem);

        var payload = new ApiWebhookPayload(
            "message.created", message.MessageId, message.ConversationId, message.ContactId, message.IdempotencyKey,
            Recipient(channel.ChannelId, message.To), message.Text, message.AuthorName, message.CreatedAt);
        var body = JsonSerializer.Serialize(payload, Json);

        using var request = SignedRequest(url, channel, body, message.IdempotencyKey);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
            if (response.IsSuccessStatusCode) return SendResult.Sent(await ProviderIdAsync(response, message, ct));
            var reason = $"Webhook answered {(int)response.StatusCode} {response.ReasonPhrase}";
            return IsRetryable(response.StatusCode) ? SendResult.RetryLater(reason) : SendResult.Rejected(reason);
        }
        catch (HttpRequestException ex)
        {
            return SendResult.RetryLater($"Webhook unreachable: {ex.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return SendResult.RetryLater("Webhook timed out");
        }
    }

    public async Task<ConnectionTestResult> TestConnectionAsync(ChannelContext channel, CancellationToken ct)
    {
        if (!TryWebhook(channel, out var url, out var problem)) return new(false, problem);
        var body = JsonSerializer.Serialize(new { @event = "ping" }, Json);
        using var request = SignedRequest(url, channel, body, $"ping-{Guid.NewGuid():N}");
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
            return response.IsSuccessStatusCode
                ? new(true, $"Webhook answered {(int)response.StatusCode}")
                : new(false, $"Webhook answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return new(false, $"Webhook unreachable: {ex.Message}");
        }
    }

    private HttpRequestMessage SignedRequest(Uri url, ChannelContext channel, string body, string idempotencyKey)
    {
        var now = time.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(ApiWebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(ApiWebhookSignature.SignatureHeader, ApiWebhookSignature.SignAll(channel.SecretsAt(WebhookSecret, now), timestamp, body));
        request.Headers.Add(ApiWebhookSignature.IdempotencyHeader, idempotencyKey);
        return request;
    }

    private static bool TryWebhook(ChannelContext channel, out Uri url, out string problem)
    {
        url = null!;
        problem = "";
        if (!Uri.TryCreate(channel.Setting(WebhookUrlSetting), UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            problem = "The channel has no valid webhook URL: replies cannot be delivered.";
            return false;
        }
        if (channel.Secret(WebhookSecret) is null)
        {
            problem = "The channel has no webhook secret: refusing to send unsigned webhooks.";
            return false;
        }
        url = parsed;
        return true;
    }

    private static ApiWebhookRecipient Recipient(long channelId, ChannelAddress to) => to.Kind switch
    {
        IdentityKind.External when to.Value.StartsWith($"{channelId}:", StringComparison.Ordinal)
            => new("external", to.Value[($"{channelId}:".Length)..]),
        _ => new(JsonNamingPolicy.CamelCase.ConvertName(to.Kind.ToString()), to.Value),
    };

    private static async Task<string> ProviderIdAsync(HttpResponseMessage response, OutboundMessage message, CancellationToken ct)
    {
        // Integrators may answer {"id": "..."}; otherwise our idempotency key identifies the delivery.
        try
        {
            if (response.Content.Headers.ContentType?.MediaType == "application/json")
            {
                var answer = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                if (answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                    return id.ToString();
            }
        }
        catch (JsonException)
        {
        }
        return message.IdempotencyKey;
    }

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
