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
    /// <summary>The conversation's subject (email), the answered message's when it had one.</summary>
    public string? Subject { get; init; }

    /// <summary>Provider ids of the thread being answered, oldest first and the answered message last (email References,
    /// In-Reply-To); empty when nothing on this channel is being answered.</summary>
    public IReadOnlyList<string> ReplyTo { get; init; } = [];

    /// <summary>The answered message's <see cref="InboundMessage.ThreadKeys"/> (an Outlook thread to continue).</summary>
    public IReadOnlyList<string> ThreadKeys { get; init; } = [];
}

public sealed record OutboundAttachment(string FileName, string ContentType, long Size, Func<CancellationToken, Task<Stream>> OpenAsync)
{
    /// <summary>Where the provider can fetch the file itself for a while (Twilio's MediaUrl), when the server has a public
    /// base URL; null otherwise.</summary>
    public Uri? PublicUrl { get; init; }
}
