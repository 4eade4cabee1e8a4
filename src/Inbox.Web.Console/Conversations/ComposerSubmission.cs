using Inbox.Contracts;

namespace Inbox.Web.Conversations;

/// <summary>What the composer sends: a reply on one of the contact's identities, or a private note.</summary>
public sealed record ComposerSubmission(string Text, bool IsNote, long? IdentityId)
{
    /// <summary>An approved template to send instead of free text (outside WhatsApp's 24-hour window).</summary>
    public ReplyTemplate? Template { get; init; }

    /// <summary>A note's @mentioned agents (null when none: the record stays comparable by value).</summary>
    public IReadOnlyList<long>? MentionedUserIds { get; init; }

    /// <summary>Uploaded files to send with the reply (null when none).</summary>
    public IReadOnlyList<long>? AttachmentIds { get; init; }
}
