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

    /// <summary>The credentials a rotation replaced, still accepted until <see cref="RetiredCredentials.ValidUntil"/>.</summary>
    public RetiredCredentials? Retired { get; init; }

    /// <summary>The inbound token hashes accepted at <paramref name="at"/>: the current one, then the retired one in its grace.</summary>
    public IEnumerable<string> InboundTokenHashesAt(DateTimeOffset at)
    {
        if (!string.IsNullOrEmpty(InboundTokenHash)) yield return InboundTokenHash;
        if (Retired is { } r && at < r.ValidUntil && !string.IsNullOrEmpty(r.InboundTokenHash)) yield return r.InboundTokenHash;
    }

    /// <summary>The values of secret <paramref name="key"/> accepted at <paramref name="at"/>: the current one, then the retired
    /// one in its grace (verifiers try each; signers sign with the first).</summary>
    public IEnumerable<string> SecretsAt(string key, DateTimeOffset at)
    {
        var current = Secret(key);
        if (current is not null) yield return current;
        if (Retired is { } r && at < r.ValidUntil && r.Secrets.TryGetValue(key, out var old) && !string.IsNullOrEmpty(old) && old != current) yield return old;
    }
}

/// <summary>What a rotation replaced: the old inbound token's hash and the old generated secrets, valid until a moment.</summary>
public sealed record RetiredCredentials(string? InboundTokenHash, IReadOnlyDictionary<string, string> Secrets, DateTimeOffset ValidUntil);
