namespace Inbox.Connectors.Abstractions;

/// <summary>An agent reply handed to a connector by the outbox. <see cref="IdempotencyKey"/> is stable across
/// retries and restarts so the provider (or the integrator) can drop a repeat.</summary>
public sealed record OutboundMessage(
    long MessageId,
    long ConversationId,
    long ContactId,
    string IdempotencyKey,
    ChannelAddress To,
    string Text,
    string? AuthorName,
    DateTimeOffset CreatedAt)
{
    public IReadOnlyList<OutboundAttachment> Attachments { get; init; } = [];
}

public sealed record OutboundAttachment(string FileName, string ContentType, long Size, Func<CancellationToken, Task<Stream>> OpenAsync);
