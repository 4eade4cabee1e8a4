namespace Inbox.Connectors.Abstractions;

/// <summary>One customer message as a connector verified and mapped it, before it touches storage.</summary>
public sealed record InboundMessage(
    long ChannelId,
    string ProviderMessageId,
    ChannelAddress From,
    string? DisplayName,
    string Text,
    DateTimeOffset SentAt)
{
    public IReadOnlyList<InboundAttachment> Attachments { get; init; } = [];

    /// <summary>Threading hints from the provider (email Message-ID, In-Reply-To, References).</summary>
    public IReadOnlyList<string> ReplyTo { get; init; } = [];
}

public sealed record InboundAttachment(string FileName, string ContentType, long Size, Func<CancellationToken, Task<Stream>> OpenAsync);
