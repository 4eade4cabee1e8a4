using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;

namespace Inbox.Server.Conversations;

/// <summary>
/// One action on several conversations: each goes through the same command as its single request (same rules, same
/// visibility, its own transaction and events), so one that fails leaves the others done, and the answer says which.
/// </summary>
public sealed class BulkCommands(ConversationCommands commands)
{
    public const int MaxConversations = 100;

    public async Task<Outcome<BulkResultDto>> RunAsync(Viewer viewer, BulkRequest request, CancellationToken ct)
    {
        var ids = request.ConversationIds?.Distinct().ToList() ?? [];
        if (ids.Count == 0) return Outcome<BulkResultDto>.Invalid("conversationIds", "Name at least one conversation.");
        if (ids.Count > MaxConversations) return Outcome<BulkResultDto>.Invalid("conversationIds", $"At most {MaxConversations} conversations at once.");
        Func<long, Task<Outcome<ConversationDto>>>? run = request.Action switch
        {
            BulkAction.Assign => id => commands.AssignAsync(viewer, id, request.AssigneeId, request.TeamId, ct),
            BulkAction.AddLabel when request.LabelId is { } label => id => commands.AddLabelAsync(viewer, id, label, ct),
            BulkAction.RemoveLabel when request.LabelId is { } label => id => commands.RemoveLabelAsync(viewer, id, label, ct),
            BulkAction.Resolve => id => commands.ChangeStatusAsync(viewer, id, ConversationStatus.Resolved, ct),
            BulkAction.Reopen => id => commands.ChangeStatusAsync(viewer, id, ConversationStatus.Open, ct),
            BulkAction.SetPriority when request.Priority is { } priority => id => commands.SetPriorityAsync(viewer, id, priority, ct),
            _ => null,
        };
        if (run is null)
            return request.Action is BulkAction.SetPriority
                ? Outcome<BulkResultDto>.Invalid("priority", "Setting the priority needs a priority.")
                : request.Action is BulkAction.AddLabel or BulkAction.RemoveLabel
                    ? Outcome<BulkResultDto>.Invalid("labelId", "A label action needs a labelId.")
                    : Outcome<BulkResultDto>.Invalid("action", "Unknown action.");

        var results = new List<BulkItemResult>(ids.Count);
        foreach (var id in ids)
        {
            var outcome = await run(id);
            results.Add(outcome.Error is null
                ? new BulkItemResult(id, StatusCodes.Status200OK, null, outcome.Value)
                : new BulkItemResult(id, StatusOf(outcome.Error.Value), outcome.Error == OutcomeError.NotFound ? "Conversation not found" : outcome.Message, null));
        }
        return Outcome<BulkResultDto>.Ok(new BulkResultDto(results));
    }

    private static int StatusOf(OutcomeError error) => error switch
    {
        OutcomeError.NotFound => StatusCodes.Status404NotFound,
        OutcomeError.Invalid => StatusCodes.Status400BadRequest,
        OutcomeError.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status409Conflict,
    };
}
