using System.Text.Json;
using Inbox.Connectors.Abstractions;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Inbox.Connectors.Telegram;

/// <summary>
/// Telegram's webhook: one update per POST, with the secret token we gave setWebhook in
/// <c>X-Telegram-Bot-Api-Secret-Token</c>, compared in fixed time (missing 401, wrong 403, none configured 403). Any 2xx
/// tells Telegram it is done, so an update Inbox does not keep is answered 200 and logged, never retried.
/// </summary>
public sealed partial class TelegramWebhookReceiver(TelegramBots bots, ILogger<TelegramWebhookReceiver> logger) : IWebhookReceiver
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    public WebhookVerdict Verify(ChannelContext channel, WebhookRequest request)
    {
        var accepted = channel.SecretsAt(TelegramBots.WebhookSecretToken, request.ReceivedAt).ToList();
        if (accepted.Count == 0) return WebhookVerdict.Refuse(403, "This channel has no webhook secret token.");
        var presented = request.Header(SecretHeader);
        if (string.IsNullOrEmpty(presented)) return WebhookVerdict.Refuse(401, $"Missing {SecretHeader}.");
        // Hashes of both sides, so the comparison takes the same time whatever the lengths; the retired token counts
        // during a rotation's grace (updates Telegram sent before setWebhook took the new one).
        return accepted.Any(expected => IssuedSecrets.Matches(presented, IssuedSecrets.Hash(expected)))
            ? WebhookVerdict.Accept
            : WebhookVerdict.Refuse(403, $"Wrong {SecretHeader}.");
    }

    public WebhookParse Parse(ChannelContext channel, WebhookRequest request)
    {
        Update? update;
        try
        {
            update = JsonSerializer.Deserialize<Update>(request.Body.Span, JsonBotAPI.Options);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : "";
            return WebhookParse.Malformed(ex.Path is { Length: > 1 } path ? path : "body", $"The body is not a Telegram update{where}.");
        }
        if (update is null) return WebhookParse.Malformed("body", "A Telegram update (JSON object) is required.");

        var bot = bots.For(channel, out _);
        var mapped = TelegramUpdateMapper.Map(channel.ChannelId, update, (id, ct) => TelegramFiles.DownloadAsync(bot, id, ct));
        if (mapped.Problem is { } problem) return WebhookParse.Malformed("update", problem);
        if (mapped.Message is not { } message)
        {
            LogIgnored(channel.ChannelId, update.Id, mapped.Ignored ?? "unknown");
            return WebhookParse.Of(ChannelInput.Empty);
        }
        return WebhookParse.Of(new ChannelInput { Messages = [message] });
    }

    public WebhookResponse Acknowledge(ChannelContext channel, ChannelInput input, IReadOnlyList<InboundReceipt> receipts) => WebhookResponse.Ok;

    [LoggerMessage(Level = LogLevel.Information, Message = "Acknowledged Telegram update {UpdateId} on channel {ChannelId} without storing it: {Kind}")]
    private partial void LogIgnored(long channelId, int updateId, string kind);
}
