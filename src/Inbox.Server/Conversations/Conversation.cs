using Inbox.Contracts;
using Inbox.Server.Data;

namespace Inbox.Server.Conversations;

/// <summary>
/// The one thread a contact has. Every state change is a method here that guards its transition and returns the
/// change to record (null when nothing changed); nobody sets <see cref="Status"/> from outside.
/// </summary>
public sealed class Conversation
{
    public long Id { get; internal set; }
    public long ContactId { get; private set; }
    public ConversationStatus Status { get; private set; }
    public long? AssigneeId { get; private set; }
    public long? TeamId { get; private set; }
    public DateTimeOffset? SnoozedUntil { get; private set; }
    public DateTimeOffset LastActivityAt { get; private set; }
    public int UnreadCount { get; private set; }
    public long? LastInboundIdentityId { get; private set; }
    public long? LastChannelId { get; private set; }
    public string? LastMessagePreview { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public ConversationPriority Priority { get; private set; }
    public IReadOnlySet<long> LabelIds => _labels;

    /// <summary>What the store must write beyond the row's usual columns (both are written only when changed, so
    /// paths that load the row without them never overwrite them).</summary>
    internal bool PriorityChanged { get; private set; }
    internal bool LabelsChanged { get; private set; }

    private readonly HashSet<long> _labels = [];

    public const int PreviewLength = 140;

    public static Conversation Start(long contactId, DateTimeOffset at) => new()
    {
        ContactId = contactId, Status = ConversationStatus.Open, LastActivityAt = at, CreatedAt = at,
    };

    public static Conversation Load(ConversationRow row) => new()
    {
        Id = row.Id,
        ContactId = row.ContactId,
        Status = Enum.Parse<ConversationStatus>(row.Status, ignoreCase: true),
        AssigneeId = row.AssigneeId,
        TeamId = row.TeamId,
        SnoozedUntil = row.SnoozedUntil,
        LastActivityAt = row.LastActivityAt,
        UnreadCount = row.UnreadCount,
        LastInboundIdentityId = row.LastInboundIdentityId,
        LastChannelId = row.LastChannelId,
        LastMessagePreview = row.LastMessagePreview,
        CreatedAt = row.CreatedAt,
        Priority = (ConversationPriority)row.Priority,
    };

    /// <summary>The labels as stored (loaded apart from the row).</summary>
    internal void LoadLabels(IEnumerable<long> labelIds) => _labels.UnionWith(labelIds);

    /// <summary>A customer wrote: resolved or snoozed threads reopen; pending (a bot's) stays pending.</summary>
    public ConversationChange? ReceiveInbound(long identityId, long channelId, string text, DateTimeOffset at)
    {
        UnreadCount++;
        LastInboundIdentityId = identityId;
        LastChannelId = channelId;
        Touch(text, at);
        return Status is ConversationStatus.Resolved or ConversationStatus.Snoozed ? ChangeStatus(ConversationStatus.Open, null, at, "customer replied") : null;
    }

    /// <summary>An agent answered: their reply counts as reading the thread.</summary>
    public void RecordReply(long? channelId, string text, DateTimeOffset at)
    {
        UnreadCount = 0;
        if (channelId is not null) LastChannelId = channelId;
        Touch(text, at);
    }

    public void RecordNote(DateTimeOffset at) => LastActivityAt = Max(LastActivityAt, at);

    public bool MarkRead()
    {
        if (UnreadCount == 0) return false;
        UnreadCount = 0;
        return true;
    }

    public ConversationChange? Resolve(long? by, DateTimeOffset at) => ChangeStatus(ConversationStatus.Resolved, by, at);

    public ConversationChange? Reopen(long? by, DateTimeOffset at) => ChangeStatus(ConversationStatus.Open, by, at);

    public ConversationChange? MarkPending(long? by, DateTimeOffset at) => ChangeStatus(ConversationStatus.Pending, by, at);

    public ConversationChange Snooze(DateTimeOffset until, long? by, DateTimeOffset at)
    {
        if (until <= at) throw new ConversationRuleException("Snooze needs a time in the future.");
        if (Status == ConversationStatus.Resolved) throw new ConversationRuleException("A resolved conversation cannot be snoozed; reopen it first.");
        var from = Status;
        Status = ConversationStatus.Snoozed;
        SnoozedUntil = until;
        return ConversationChange.Status(by, at, from, Status, $"until {until:O}");
    }

    /// <summary>The snooze time has come: back to open.</summary>
    public ConversationChange? Wake(DateTimeOffset at) =>
        Status == ConversationStatus.Snoozed && SnoozedUntil <= at ? ChangeStatus(ConversationStatus.Open, null, at, "snooze ended") : null;

    public ConversationChange? Assign(long? assigneeId, long? teamId, long? by, DateTimeOffset at)
    {
        if (AssigneeId == assigneeId && TeamId == teamId) return null;
        var change = ConversationChange.Assignment(by, at, AssigneeId, TeamId, assigneeId, teamId);
        AssigneeId = assigneeId;
        TeamId = teamId;
        return change;
    }

    public ConversationChange? SetPriority(ConversationPriority priority, long? by, DateTimeOffset at)
    {
        if (!Enum.IsDefined(priority)) throw new ConversationRuleException($"There is no priority {priority}.");
        if (Priority == priority) return null;
        var change = ConversationChange.PriorityChanged(by, at, Priority, priority);
        Priority = priority;
        PriorityChanged = true;
        return change;
    }

    /// <summary>Applies a label (one the caller has checked exists); applying it twice changes nothing.</summary>
    public ConversationChange? AddLabel(long labelId, long? by, DateTimeOffset at)
    {
        if (!_labels.Add(labelId)) return null;
        LabelsChanged = true;
        return ConversationChange.Label(EventTypes.ConversationLabelAdded, by, at, labelId);
    }

    public ConversationChange? RemoveLabel(long labelId, long? by, DateTimeOffset at)
    {
        if (!_labels.Remove(labelId)) return null;
        LabelsChanged = true;
        return ConversationChange.Label(EventTypes.ConversationLabelRemoved, by, at, labelId);
    }

    /// <summary>Agents were @mentioned in a note of this thread: nothing of the thread changes, the event is recorded
    /// (and the note counts as activity, like any note).</summary>
    public ConversationChange? Mention(long noteId, IReadOnlyCollection<long> userIds, long? by, DateTimeOffset at)
    {
        if (userIds.Count == 0) return null;
        RecordNote(at);
        return ConversationChange.Mentioned(by, at, noteId, userIds.Order().ToList());
    }

    /// <summary>Absorbs a merged contact's thread: this thread keeps its identity, gains the other's unread and activity.
    /// A resolved thread that absorbs an unresolved one reopens (the change is returned, to be recorded).</summary>
    public ConversationChange? Absorb(Conversation other, long? by, DateTimeOffset at)
    {
        UnreadCount += other.UnreadCount;
        if (other.LastActivityAt > LastActivityAt)
        {
            LastActivityAt = other.LastActivityAt;
            LastMessagePreview = other.LastMessagePreview;
            LastChannelId = other.LastChannelId ?? LastChannelId;
            LastInboundIdentityId = other.LastInboundIdentityId ?? LastInboundIdentityId;
        }
        return Status == ConversationStatus.Resolved && other.Status != ConversationStatus.Resolved
            ? ChangeStatus(ConversationStatus.Open, by, at, "merged") : null;
    }

    /// <summary>Messages left or joined this thread (an identity split off): its summary is what its messages now say.
    /// Unread counts are kept on the thread the agent was reading; the split-off thread starts read.</summary>
    public void Resummarize(ThreadSummary summary)
    {
        LastActivityAt = summary.LastAt ?? CreatedAt;
        LastMessagePreview = summary.LastText is null ? null : summary.LastText.Length <= PreviewLength ? summary.LastText : summary.LastText[..PreviewLength];
        LastInboundIdentityId = summary.LastInboundIdentityId;
        LastChannelId = summary.LastChannelId;
    }

    /// <summary>The contact was merged into another: the thread follows its new owner.</summary>
    public void MoveTo(long contactId) => ContactId = contactId;

    private ConversationChange? ChangeStatus(ConversationStatus to, long? by, DateTimeOffset at, string? reason = null)
    {
        if (Status == to) return null;
        var from = Status;
        Status = to;
        SnoozedUntil = null;
        return ConversationChange.Status(by, at, from, to, reason);
    }

    private void Touch(string text, DateTimeOffset at)
    {
        LastActivityAt = Max(LastActivityAt, at);
        LastMessagePreview = text.Length <= PreviewLength ? text : text[..PreviewLength];
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}

/// <summary>What a thread's own messages say about it: the last one (time, text) and the last customer message (who, where).</summary>
public sealed record ThreadSummary(DateTimeOffset? LastAt, string? LastText, long? LastInboundIdentityId, long? LastChannelId);
