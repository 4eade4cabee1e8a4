using Inbox.Contracts;
using Inbox.Web.Api;

namespace Inbox.Web.Conversations;

/// <summary>What the conversation list shows; also decides whether a live update belongs in it.</summary>
public sealed record ConversationFilter(AssigneeView View = AssigneeView.All, ConversationStatus Status = ConversationStatus.Open)
{
    public ConversationQuery ToQuery(string? cursor = null, int limit = 30) => new(
        Status: Status,
        Assignee: View switch
        {
            AssigneeView.Mine => "me",
            AssigneeView.Unassigned => "unassigned",
            _ => null,
        },
        Cursor: cursor,
        Limit: limit);

    public bool Matches(ConversationDto conversation, long? currentUserId) =>
        conversation.Status == Status && View switch
        {
            AssigneeView.Mine => currentUserId is not null && conversation.AssigneeId == currentUserId,
            AssigneeView.Unassigned => conversation.AssigneeId is null,
            _ => true,
        };
}
