using Inbox.Connectors.Abstractions;
using Telegram.Bot;

namespace Inbox.Connectors.Telegram;

/// <summary>
/// Builds the Telegram.Bot client for a channel: its bot token, and the Bot API server it names (Telegram's own unless the
/// channel's <c>apiBaseUrl</c> points at a local Bot API server). The library's own 429 retries are off: the outbox
/// decides when to try again, with the wait Telegram named. The HTTP client logs nothing, because its URLs carry the token.
/// </summary>
public sealed class TelegramBots(IHttpClientFactory httpClients)
{
    public const string HttpClientName = "telegram";

    /// <summary>Longest one Bot API call may take: a long poll plus margin.</summary>
    public static readonly TimeSpan HttpTimeout = TimeSpan.FromSeconds(60);

    public const string BotTokenSecret = "botToken";
    public const string WebhookSecretToken = "webhookSecretToken";
    public const string ApiBaseUrlSetting = "apiBaseUrl";

    /// <summary>The channel's client, or null with the reason when its token (or Bot API URL) is missing or malformed.</summary>
    public ITelegramBotClient? For(ChannelContext channel, out string problem)
    {
        problem = "";
        var token = channel.Secret(BotTokenSecret);
        if (token is null)
        {
            problem = "The channel has no bot token.";
            return null;
        }
        try
        {
            var options = new TelegramBotClientOptions(token, channel.Setting(ApiBaseUrlSetting)) { RetryThreshold = 0, RetryCount = 0 };
            return new TelegramBotClient(options, httpClients.CreateClient(HttpClientName));
        }
        catch (ArgumentException)
        {
            // Never echo the token: the message names the field only.
            problem = "The bot token is not in Telegram's format (digits, a colon, then letters), or the Bot API URL is not valid.";
            return null;
        }
    }
}
