using Inbox.Contracts;

namespace Inbox.Server.Conversations;

/// <summary>List filters; Assignee is "me", "unassigned" or a user id.</summary>
public sealed record ConversationFilter(ConversationStatus? Status, string? Assignee, long? TeamId, long? ChannelId, bool? Unread, string? Cursor, int Limit);
