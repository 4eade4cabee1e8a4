namespace Inbox.Contracts;

[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<MessageDirection>))]
public enum MessageDirection { Inbound, Outbound }

/// <summary>Delivery state. Outbound moves forward only: Queued → Sent → Delivered → Read; Failed from Queued or Sent.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<MessageStatus>))]
public enum MessageStatus { Received, Queued, Sent, Delivered, Read, Failed }

/// <summary>A message of a thread. <see cref="Error"/> is why a reply failed, <see cref="ErrorCode"/> the provider's code for it
/// when the provider gave one (Twilio's 30003).</summary>
public sealed record MessageDto(
    long Id,
    long ConversationId,
    MessageDirection Direction,
    bool IsPrivate,
    string Text,
    MessageStatus? Status,
    string? Error,
    long? ChannelId,
    string? ChannelType,
    long? IdentityId,
    string? IdentityAddress,
    long? AuthorId,
    string? AuthorName,
    IReadOnlyList<AttachmentDto> Attachments,
    DateTimeOffset CreatedAt,
    string? ErrorCode = null)
{
    /// <summary>When the customer sent it, as their provider says (inbound only); CreatedAt is when we stored it.</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>The email subject, for channels that have one.</summary>
    public string? Subject { get; init; }

    /// <summary>Sent by a machine (an auto-reply, bulk mail): shown as such, never to be answered.</summary>
    public bool Automated { get; init; }

    /// <summary>When the customer last edited it (inbound only; null when never edited). Text is the edited text.</summary>
    public DateTimeOffset? EditedAt { get; init; }
}

/// <summary>A message as the customer sent it (email): the full text before quoted history and signatures were
/// stripped, and the sanitised HTML, for an "original" view. Null when the channel kept nothing more than the text.</summary>
public sealed record MessageOriginalDto(long MessageId, string Text, string? Html);

public sealed record AttachmentDto(long Id, string FileName, string ContentType, long Size);

/// <summary>Newest page first is fetched by default; <see cref="NextCursor"/> pages to older messages. Items are oldest→newest.</summary>
public sealed record MessagePage(IReadOnlyList<MessageDto> Items, string? NextCursor);

/// <summary>An agent reply. IdentityId picks which of the contact's addresses to answer on (default: last inbound);
/// ChannelId picks the channel when an address is reachable on several (default: the one it last wrote on).
/// AttachmentIds are the agent's own uploads (POST /api/files); with attachments the text may be empty.</summary>
public sealed record ReplyRequest(string Text, long? IdentityId = null, long? ChannelId = null, IReadOnlyList<long>? AttachmentIds = null)
{
    /// <summary>Send an approved template instead of free text (required outside a WhatsApp reply window; Text may then be empty).</summary>
    public ReplyTemplate? Template { get; init; }
}

/// <summary>A file an agent uploaded, to attach to a reply by its id. ContentType is what the bytes are, not what was claimed.</summary>
public sealed record UploadDto(long Id, string FileName, string ContentType, long Size);

/// <summary>A private note (never sent to the customer). MentionedUserIds are the agents @mentioned in it: each is notified.</summary>
public sealed record NoteRequest(string Text)
{
    public IReadOnlyList<long>? MentionedUserIds { get; init; }
}

/// <summary>A status change; <see cref="ErrorCode"/> is the provider's own code when a delivery report said failed.</summary>
public sealed record MessageStatusDto(long MessageId, long ConversationId, MessageStatus Status, string? Error, string? ErrorCode = null);
