namespace Inbox.Connectors.Abstractions;

/// <summary>Outcome of one delivery attempt. Retryable failures go back to the outbox with backoff.</summary>
public sealed record SendResult(bool Success, string? ProviderMessageId, string? Error, bool Retryable)
{
    /// <summary>When the provider named a wait, the outbox waits that long instead of its own backoff.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Keys besides the provider id by which replies may refer to the sent message (its Outlook Thread-Index
    /// root): recorded with it, so a reply carrying only such a key finds its thread.</summary>
    public IReadOnlyList<string> ThreadKeys { get; init; } = [];

    public static SendResult Sent(string providerMessageId) => new(true, providerMessageId, null, false);
    public static SendResult RetryLater(string error) => new(false, null, error, true);

    /// <summary>The provider said when to try again (Telegram's <c>retry_after</c>, a 429's <c>Retry-After</c>).</summary>
    public static SendResult RetryLater(string error, TimeSpan after) => new(false, null, error, true) { RetryAfter = after };
    public static SendResult Rejected(string error) => new(false, null, error, false);

    /// <summary>Final, and the address itself cannot be reached on this channel any more (the customer blocked the bot):
    /// the server marks the identity unreachable until the customer writes from it again.</summary>
    public bool RecipientUnreachable { get; init; }

    public static SendResult Unreachable(string error) => new(false, null, error, false) { RecipientUnreachable = true };
}
