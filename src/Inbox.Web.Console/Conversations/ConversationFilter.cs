using Inbox.Contracts;
using Inbox.Web.Api;

namespace Inbox.Web.Conversations;

/// <summary>What the conversation list shows; also decides whether a live update belongs in it. TeamId is a team inbox.</summary>
public sealed record ConversationFilter(AssigneeView View = AssigneeView.All, ConversationStatus Status = ConversationStatus.Open)
{
    public long? LabelId { get; init; }
    public long? TeamId { get; init; }
    public bool ByPriority { get; init; }

    public ConversationQuery ToQuery(string? cursor = null, int limit = 30) => new(
        Status: Status,
        Assignee: View switch
        {
            AssigneeView.Mine => "me",
            AssigneeView.Unassigned => "unassigned",
            _ => null,
        },
        TeamId: TeamId,
        Cursor: cursor,
        Limit: limit)
    {
        LabelId = LabelId,
        Mentioned = View == AssigneeView.Mentions,
        ByPriority = ByPriority,
    };

    /// <summary>A Mentions view keeps a thread it lists (the DTO does not say who was mentioned); new ones come on reload.</summary>
    public bool Matches(ConversationDto conversation, long? currentUserId) =>
        conversation.Status == Status
        && (LabelId is not { } label || conversation.LabelIds.Contains(label))
        && (TeamId is not { } team || conversation.TeamId == team)
        && View switch
        {
            AssigneeView.Mine => currentUserId is not null && conversation.AssigneeId == currentUserId,
            AssigneeView.Unassigned => conversation.AssigneeId is null,
            _ => true,
        };
}
