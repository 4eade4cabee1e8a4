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

    /// <summary>Other keys that put later messages in this one's thread when they carry no message id of ours
    /// (Outlook's Thread-Index root, as "thread-index:…"). Stored with the message; matched like <see cref="ReplyTo"/>.</summary>
    public IReadOnlyList<string> ThreadKeys { get; init; } = [];

    /// <summary>The email subject (none on chat channels); the conversation keeps its first.</summary>
    public string? Subject { get; init; }

    /// <summary>Sent by a machine (auto-reply, out-of-office, bulk or list mail, a mail loop): stored and shown as such,
    /// but it does not reopen the thread, count as unread or get answered.</summary>
    public bool Automated { get; init; }

    /// <summary>The message as sent, before quoted history and signatures were taken out of <see cref="Text"/>.</summary>
    public string? OriginalText { get; init; }

    /// <summary>The original's HTML, sanitised (no script, no remote content handlers), for an "original" view.</summary>
    public string? OriginalHtml { get; init; }

    /// <summary>When the customer edited it (Telegram's edited_message): a message already stored under the same provider
    /// id gets this text and is marked edited (pushed live as <c>message.edited</c>); an older or repeated edit changes nothing.</summary>
    public DateTimeOffset? EditedAt { get; init; }

    /// <summary>Addresses the provider vouches belong to the sender (Telegram: the phone of a contact the user shared as their
    /// own). The sender's contact takes them as identities; a contact that already has one is the same customer, so the
    /// sender's thread joins it.</summary>
    public IReadOnlyList<ChannelAddress> ProvenAddresses { get; init; } = [];
}

public sealed record InboundAttachment(string FileName, string ContentType, long Size, Func<CancellationToken, Task<Stream>> OpenAsync);
