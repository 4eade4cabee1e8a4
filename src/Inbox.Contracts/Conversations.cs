namespace Inbox.Contracts;

/// <summary>Lifecycle of the one thread a contact has.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<ConversationStatus>))]
public enum ConversationStatus { Open, Pending, Snoozed, Resolved }

public sealed record ConversationDto(
    long Id,
    ContactSummaryDto Contact,
    ConversationStatus Status,
    long? AssigneeId,
    string? AssigneeName,
    long? TeamId,
    DateTimeOffset? SnoozedUntil,
    DateTimeOffset LastActivityAt,
    int UnreadCount,
    string? LastMessagePreview,
    long? LastChannelId,
    DateTimeOffset CreatedAt)
{
    /// <summary>The thread's subject: the first its email messages carried (none on chat channels).</summary>
    public string? Subject { get; init; }

    /// <summary>How urgent the agents judged it; lists can sort by it.</summary>
    public ConversationPriority Priority { get; init; }

    /// <summary>The labels applied to it (ids of <see cref="LabelDto"/>).</summary>
    public IReadOnlyList<long> LabelIds { get; init; } = [];
}

/// <summary>Ordered: a higher value is more urgent.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<ConversationPriority>))]
public enum ConversationPriority { None, Low, Medium, High, Urgent }

public sealed record ConversationPage(IReadOnlyList<ConversationDto> Items, string? NextCursor);

/// <summary>Change status: open, pending, resolved (snooze has its own request).</summary>
public sealed record ChangeStatusRequest(ConversationStatus Status);

public sealed record SnoozeRequest(DateTimeOffset Until);

/// <summary>Assign to an agent and/or a team; null clears.</summary>
public sealed record AssignRequest(long? AssigneeId, long? TeamId);

public sealed record SetPriorityRequest(ConversationPriority Priority);

public sealed record ApplyLabelRequest(long LabelId);

/// <summary>
/// One line of the thread's activity (assigned, status, priority, labels, merges, identity links, reservations), newest
/// last, for the console to show between the messages. Ids, not names: the console names agents, teams and labels.
/// </summary>
/// <param name="Type">One of the <c>EventTypes</c> it was stored as.</param>
/// <param name="From">Status or priority before (camelCase), when it changed.</param>
/// <param name="To">Status or priority after, when it changed.</param>
/// <param name="Reason">Why, when the system did it: "customer replied", "replied", "snooze ended", a link's reason.</param>
/// <param name="OrderNumber">The shop's order a cancellation was requested for.</param>
public sealed record ActivityDto(long EventId, string Type, DateTimeOffset At, long? ActorId, string? ActorName,
    string? From = null, string? To = null, long? AgentId = null, long? TeamId = null, long? LabelId = null,
    long? ReservationId = null, string? Reason = null, string? OrderNumber = null);
