using System.Globalization;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;
using Inbox.Server.Messaging;

namespace Inbox.Server.Conversations;

public static class ConversationEndpoints
{
    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Routes.Conversations).WithTags("Conversations").RequireAuthorization().AddEndpointFilter<CookieAntiforgeryFilter>()
            .AddEndpointFilter(new Contacts.MergedIdRedirect(Contacts.MergedIds.Conversation));

        group.MapGet("", async (Viewer viewer, ConversationStore store, string? status, string? assignee,
            long? teamId, long? channelId, bool? unread, string? cursor, int? limit, long? labelId, string? priority, bool? mentioned, string? sort,
            CancellationToken ct) =>
        {
            if (assignee is not (null or "" or "me" or "unassigned") && !long.TryParse(assignee, CultureInfo.InvariantCulture, out _))
                return ApiProblems.Invalid("assignee", "Assignee is 'me', 'unassigned' or a user id.");
            if (limit is < 1 or > 200) return ApiProblems.Invalid("limit", "Limit is between 1 and 200.");
            ConversationStatus? wanted = null;
            if (!string.IsNullOrEmpty(status))
            {
                // One name only: Enum.TryParse would also take numbers and "open,resolved" (read as a flags combination).
                var name = Enum.GetNames<ConversationStatus>().FirstOrDefault(n => n.Equals(status, StringComparison.OrdinalIgnoreCase));
                if (name is null) return ApiProblems.Invalid("status", "Status is open, pending, snoozed or resolved.");
                wanted = Enum.Parse<ConversationStatus>(name);
            }
            ConversationPriority? wantedPriority = null;
            if (!string.IsNullOrEmpty(priority))
            {
                var name = Enum.GetNames<ConversationPriority>().FirstOrDefault(n => n.Equals(priority, StringComparison.OrdinalIgnoreCase));
                if (name is null) return ApiProblems.Invalid("priority", "Priority is none, low, medium, high or urgent.");
                wantedPriority = Enum.Parse<ConversationPriority>(name);
            }
            if (sort is not (null or "" or "activity" or "priority")) return ApiProblems.Invalid("sort", "Sort is 'activity' (newest first) or 'priority' (most urgent first).");
            var byPriority = sort == "priority";
            if (!string.IsNullOrEmpty(cursor) && !IsListCursor(cursor, byPriority)) return ApiProblems.Invalid("cursor", "Unknown cursor.");
            return Results.Ok(await store.ListAsync(viewer, new ConversationFilter(wanted, assignee, teamId, channelId, unread, cursor, limit ?? 50)
            {
                LabelId = labelId, Priority = wantedPriority, MentionedMe = mentioned == true, ByPriority = byPriority,
            }, ct));
        });

        group.MapGet("/{id:long}", async (long id, Viewer viewer, ConversationStore store, CancellationToken ct) =>
            await store.GetDtoAsync(viewer, id, ct) is { } dto ? Results.Ok(dto) : ApiProblems.NotFound("Conversation"));

        group.MapGet("/{id:long}/messages", async (long id, string? cursor, int? limit, Viewer viewer,
            ConversationStore conversations, MessageStore messages, CancellationToken ct) =>
        {
            if (limit is < 1 or > 200) return ApiProblems.Invalid("limit", "Limit is between 1 and 200.");
            if (!string.IsNullOrEmpty(cursor) && !IsMessageCursor(cursor)) return ApiProblems.Invalid("cursor", "Unknown cursor.");
            if (await conversations.GetDtoAsync(viewer, id, ct) is null) return ApiProblems.NotFound("Conversation");
            return Results.Ok(await messages.ListAsync(id, cursor, limit ?? 50, ct));
        });

        group.MapGet("/{id:long}/activity", async (long id, Viewer viewer, ConversationStore conversations, ConversationActivity activity, CancellationToken ct) =>
            await conversations.GetDtoAsync(viewer, id, ct) is null ? ApiProblems.NotFound("Conversation") : Results.Ok(await activity.ListAsync(id, ct)));

        group.MapPost("/{id:long}/messages", async (long id, ReplyRequest request, Viewer viewer, ReplyService replies, CancellationToken ct) =>
            (await replies.ReplyAsync(viewer, id, request, ct)).ToHttp(m => Results.Created($"{Routes.ConversationMessages(id)}/{m.Id}", m)));

        group.MapPost("/{id:long}/messages/{messageId:long}/retry", async (long id, long messageId, Viewer viewer, ReplyService replies, CancellationToken ct) =>
            (await replies.RetryAsync(viewer, id, messageId, ct)).ToHttp());

        group.MapPost("/{id:long}/notes", async (long id, NoteRequest request, Viewer viewer, ReplyService replies, CancellationToken ct) =>
            (await replies.NoteAsync(viewer, id, request, ct)).ToHttp(m => Results.Created($"{Routes.ConversationMessages(id)}/{m.Id}", m)));

        group.MapPost("/{id:long}/status", async (long id, ChangeStatusRequest request, Viewer viewer, ConversationCommands commands, CancellationToken ct) =>
            (await commands.ChangeStatusAsync(viewer, id, request.Status, ct)).ToHttp());

        group.MapPost("/{id:long}/snooze", async (long id, SnoozeRequest request, Viewer viewer, ConversationCommands commands, CancellationToken ct) =>
            (await commands.SnoozeAsync(viewer, id, request.Until, ct)).ToHttp());

        group.MapPost("/{id:long}/assign", async (long id, AssignRequest request, Viewer viewer, ConversationCommands commands, CancellationToken ct) =>
            (await commands.AssignAsync(viewer, id, request.AssigneeId, request.TeamId, ct)).ToHttp());

        group.MapPost("/{id:long}/priority", async (long id, SetPriorityRequest request, Viewer viewer, ConversationCommands commands, CancellationToken ct) =>
            (await commands.SetPriorityAsync(viewer, id, request.Priority, ct)).ToHttp());

        group.MapPost("/{id:long}/labels", async (long id, ApplyLabelRequest request, Viewer viewer, ConversationCommands commands, CancellationToken ct) =>
            (await commands.AddLabelAsync(viewer, id, request.LabelId, ct)).ToHttp());

        group.MapDelete("/{id:long}/labels/{labelId:long}", async (long id, long labelId, Viewer viewer, ConversationCommands commands, CancellationToken ct) =>
            (await commands.RemoveLabelAsync(viewer, id, labelId, ct)).ToHttp());

        group.MapPost("/bulk", async (BulkRequest request, Viewer viewer, BulkCommands bulk, CancellationToken ct) =>
            (await bulk.RunAsync(viewer, request, ct)).ToHttp());

        group.MapPost("/{id:long}/read", async (long id, Viewer viewer, ConversationCommands commands, CancellationToken ct) =>
            (await commands.MarkReadAsync(viewer, id, ct)).ToHttp());

        return app;
    }

    /// <summary>A conversation list position: (last activity, id), or (priority, last activity, id) when sorted by priority,
    /// as <see cref="ConversationStore.ListAsync"/> reads it.</summary>
    private static bool IsListCursor(string cursor, bool byPriority) => byPriority
        ? Cursor.TryDecode(cursor, 3, out var p)
            && int.TryParse(p[0], CultureInfo.InvariantCulture, out _)
            && DateTimeOffset.TryParse(p[1], CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            && long.TryParse(p[2], CultureInfo.InvariantCulture, out _)
        : Cursor.TryDecode(cursor, 2, out var parts)
            && DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            && long.TryParse(parts[1], CultureInfo.InvariantCulture, out _);

    /// <summary>A message page position: the id of the oldest message already shown.</summary>
    private static bool IsMessageCursor(string cursor) =>
        Cursor.TryDecode(cursor, 1, out var parts) && long.TryParse(parts[0], CultureInfo.InvariantCulture, out _);
}
