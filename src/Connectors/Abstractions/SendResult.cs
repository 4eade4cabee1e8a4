namespace Inbox.Connectors.Abstractions;

/// <summary>Outcome of one delivery attempt. Retryable failures go back to the outbox with backoff.</summary>
public sealed record SendResult(bool Success, string? ProviderMessageId, string? Error, bool Retryable)
{
    public static SendResult Sent(string providerMessageId) => new(true, providerMessageId, null, false);
    public static SendResult RetryLater(string error) => new(false, null, error, true);
    public static SendResult Rejected(string error) => new(false, null, error, false);
}
