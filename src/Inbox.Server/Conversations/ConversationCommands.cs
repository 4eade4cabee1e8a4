using System.Data.Common;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;
using Inbox.Server.Data;
using Inbox.Server.Live;

namespace Inbox.Server.Conversations;

/// <summary>Agent actions on a conversation: each loads the aggregate, applies one method, saves, records and publishes.</summary>
public sealed class ConversationCommands(
    IDbConnectionFactory db,
    ConversationStore conversations,
    ConversationEventStore events,
    UserStore users,
    TeamStore teams,
    Labels.LabelStore labels,
    Notifications.NotificationStore notifications,
    IInboxNotifier notifier,
    ILiveConnections connections,
    TimeProvider time)
{
    public Task<Outcome<ConversationDto>> ChangeStatusAsync(Viewer viewer, long id, ConversationStatus status, CancellationToken ct) => status switch
    {
        ConversationStatus.Open => MutateAsync(viewer, id, (c, at) => c.Reopen(viewer.UserId, at), ct),
        ConversationStatus.Pending => MutateAsync(viewer, id, (c, at) => c.MarkPending(viewer.UserId, at), ct),
        ConversationStatus.Resolved => MutateAsync(viewer, id, (c, at) => c.Resolve(viewer.UserId, at), ct),
        _ => Task.FromResult(Outcome<ConversationDto>.Invalid("status", "Use the snooze action to snooze a conversation.")),
    };

    public Task<Outcome<ConversationDto>> SnoozeAsync(Viewer viewer, long id, DateTimeOffset until, CancellationToken ct) =>
        MutateAsync(viewer, id, (c, at) => c.Snooze(ToStoredPrecision(until), viewer.UserId, at), ct);

    public async Task<Outcome<ConversationDto>> AssignAsync(Viewer viewer, long id, long? assigneeId, long? teamId, CancellationToken ct)
    {
        Viewer? assignee = null;
        if (assigneeId is { } userId && (assignee = await users.ActiveViewerAsync(userId, ct)) is null)
            return Outcome<ConversationDto>.Invalid("assigneeId", $"There is no active agent {userId}.");
        if (teamId is { } team && !await teams.ExistsAsync(team, ct))
            return Outcome<ConversationDto>.Invalid("teamId", $"There is no team {team}.");
        // Agents move a thread only between "no team" and their own teams, the threads they can see; admins anywhere.
        // A thread of a team they are not in is out of sight, and so answers 404 below.
        if (!viewer.CanSee(teamId))
            return Outcome<ConversationDto>.Forbidden("Agents can only move a conversation into one of their own teams, or out of any team.");
        return await MutateAsync(viewer, id, (c, at) => c.Assign(assigneeId, teamId, viewer.UserId, at), ct, assignee);
    }

    public Task<Outcome<ConversationDto>> MarkReadAsync(Viewer viewer, long id, CancellationToken ct) =>
        MutateAsync(viewer, id, (c, at) =>
        {
            var unread = c.UnreadCount;
            return c.MarkRead() ? ConversationChange.Read(viewer.UserId, at, unread) : null;
        }, ct);

    public Task<Outcome<ConversationDto>> SetPriorityAsync(Viewer viewer, long id, ConversationPriority priority, CancellationToken ct) =>
        MutateAsync(viewer, id, (c, at) => c.SetPriority(priority, viewer.UserId, at), ct);

    public async Task<Outcome<ConversationDto>> AddLabelAsync(Viewer viewer, long id, long labelId, CancellationToken ct) =>
        await labels.ExistsAsync(labelId, ct)
            ? await MutateAsync(viewer, id, (c, at) => c.AddLabel(labelId, viewer.UserId, at), ct)
            : Outcome<ConversationDto>.Invalid("labelId", $"There is no label {labelId}.");

    public Task<Outcome<ConversationDto>> RemoveLabelAsync(Viewer viewer, long id, long labelId, CancellationToken ct) =>
        MutateAsync(viewer, id, (c, at) => c.RemoveLabel(labelId, viewer.UserId, at), ct);

    /// <summary>Reopens snoozed conversations whose time has come (no viewer: the system acts).</summary>
    public async Task<int> WakeDueAsync(CancellationToken ct)
    {
        var woken = 0;
        foreach (var id in await conversations.DueToWakeAsync(time.GetUtcNow(), ct))
            if ((await MutateAsync(null, id, (c, at) => c.Wake(at), ct)).Error is null) woken++;
        return woken;
    }

    /// <summary><paramref name="assignee"/>: the agent an assignment names, told in their bell when someone else assigned
    /// them a thread they can see.</summary>
    private async Task<Outcome<ConversationDto>> MutateAsync(Viewer? viewer, long id, Func<Conversation, DateTimeOffset, ConversationChange?> change, CancellationToken ct,
        Viewer? assignee = null)
    {
        var now = time.GetUtcNow();
        LiveEvent? live = null, removed = null;
        long? noticeId = null;
        ConversationDto? dto;
        await using (var c = await db.OpenAsync(ct))
        await using (var tx = await c.BeginTransactionAsync(ct))
        {
            var conversation = await conversations.GetForUpdateAsync(c, tx, id, ct);
            if (conversation is null || (viewer is not null && !viewer.CanSee(conversation.TeamId))) return Outcome<ConversationDto>.NotFound("Conversation");
            var before = new ConversationAudience(id, conversation.TeamId, conversation.AssigneeId);
            ConversationChange? happened;
            try
            {
                happened = change(conversation, now);
            }
            catch (ConversationRuleException ex)
            {
                return Outcome<ConversationDto>.Invalid("status", ex.Message);
            }
            if (happened is not null)
            {
                await conversations.SaveAsync(c, tx, conversation, now, ct);
                dto = await conversations.GetDtoAsync(c, tx, id, ct);
                if (before.TeamId != conversation.TeamId)
                {
                    // Agents who lose sight of the thread are told to drop it; the new audience gets the update below.
                    removed = await events.AppendAsync(c, tx, EventTypes.ConversationRemoved, before, happened.ActorId,
                        new RemovedData(id, null, "team changed"), new ConversationRemovedDto(id, null), now, ct);
                }
                live = await events.AppendAsync(c, tx, happened.EventType, new ConversationAudience(id, conversation.TeamId, conversation.AssigneeId),
                    happened.ActorId, happened.Data, dto!, now, ct);
                if (happened.Data is AssignedData { ToAgentId: { } to } assigned && to != assigned.FromAgentId && assignee?.UserId == to
                    && viewer is not null && viewer.UserId != to && assignee.CanSee(conversation.TeamId))
                {
                    noticeId = await notifications.InsertAsync(c, tx, to, NotificationKinds.Assigned, id, null, viewer.UserId, ToStoredPrecision(now), ct);
                }
                await tx.CommitAsync(ct);
            }
            else
            {
                dto = await conversations.GetDtoAsync(c, tx, id, ct);
            }
        }
        if (live is not null) await notifier.PublishAsync(removed is null ? [live] : [removed, live], ct);
        if (removed is not null) await connections.ConversationMovedAsync(id, dto!.TeamId, ct);
        if (noticeId is { } notice)
        {
            var actor = await users.GetAsync(viewer!.UserId, ct);
            await notifier.NotifyAsync(assignee!.UserId,
                new NotificationDto(notice, NotificationKinds.Assigned, id, viewer.UserId, actor?.DisplayName, null, dto!.Contact.Name, ToStoredPrecision(now)), ct);
        }
        return Outcome<ConversationDto>.Ok(dto!);
    }

    /// <summary>UTC, to the millisecond: what both databases keep exactly (PostgreSQL stores microseconds, .NET has ticks).</summary>
    private static DateTimeOffset ToStoredPrecision(DateTimeOffset t)
    {
        var utc = t.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMillisecond));
    }
}
