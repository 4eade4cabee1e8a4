using Inbox.Contracts;

namespace Inbox.Server.Conversations;

/// <summary>List filters; Assignee is "me", "unassigned" or a user id. MentionedMe: threads where the viewer was @mentioned.
/// ByPriority sorts the most urgent first.</summary>
public sealed record ConversationFilter(ConversationStatus? Status, string? Assignee, long? TeamId, long? ChannelId, bool? Unread, string? Cursor, int Limit)
{
    public long? LabelId { get; init; }
    public ConversationPriority? Priority { get; init; }
    public bool MentionedMe { get; init; }
    public bool ByPriority { get; init; }
}
