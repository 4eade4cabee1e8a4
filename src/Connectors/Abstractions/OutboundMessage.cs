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

    /// <summary>Send this approved template instead of free text (<see cref="Text"/> is then its rendered preview).</summary>
    public OutboundTemplate? Template { get; init; }
}

public sealed record OutboundAttachment(string FileName, string ContentType, long Size, Func<CancellationToken, Task<Stream>> OpenAsync)
{
    /// <summary>Where the provider can fetch the file itself for a while (Twilio's MediaUrl), when the server has a public
    /// base URL; null otherwise.</summary>
    public Uri? PublicUrl { get; init; }
}
