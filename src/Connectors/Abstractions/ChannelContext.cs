namespace Inbox.Connectors.Abstractions;

/// <summary>A configured channel as a connector sees it: settings plus decrypted secrets, nothing of storage.</summary>
public sealed record ChannelContext(
    long ChannelId,
    string Name,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyDictionary<string, string> Secrets)
{
    /// <summary>SHA-256 (hex) of the inbound token the server issued, for receivers that <see cref="IWebhookReceiver.IssuesInboundToken"/>.</summary>
    public string? InboundTokenHash { get; init; }

    /// <summary>Where providers reach this channel's webhooks (<c>Inbox:Webhooks:PublicBaseUrl</c> + the channel's key), for
    /// connectors that register it with the provider (Telegram's setWebhook, Twilio's StatusCallback); null when no public
    /// base URL is configured.</summary>
    public string? WebhookUrl { get; init; }

    /// <summary>ISO 3166 region for phone numbers written without +country code.</summary>
    public string DefaultPhoneRegion { get; init; } = "ES";

    /// <summary>Longest customer text accepted, in characters.</summary>
    public int MaxTextLength { get; init; } = 20_000;

    public string? Setting(string key) => Settings.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
    public string? Secret(string key) => Secrets.TryGetValue(key, out var v) && !string.IsNullOrEmpty(v) ? v : null;
}
