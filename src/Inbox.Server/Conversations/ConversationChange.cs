using Inbox.Contracts;
using Inbox.Server.Live;

namespace Inbox.Server.Conversations;

/// <summary>What a state change on a conversation did, by whom: stored as a conversation event (type and typed data) for reports.</summary>
public sealed record ConversationChange(string EventType, long? ActorId, DateTimeOffset At, EventData Data)
{
    public static ConversationChange Status(long? by, DateTimeOffset at, ConversationStatus from, ConversationStatus to, string? reason) =>
        new(EventTypes.ConversationStatusChanged, by, at, new StatusChangedData(from, to, reason));

    public static ConversationChange Assignment(long? by, DateTimeOffset at, long? fromAgentId, long? fromTeamId, long? toAgentId, long? toTeamId, string? reason = null) =>
        new(EventTypes.ConversationAssigned, by, at, new AssignedData(fromAgentId, fromTeamId, toAgentId, toTeamId, reason));

    public static ConversationChange PriorityChanged(long? by, DateTimeOffset at, ConversationPriority from, ConversationPriority to) =>
        new(EventTypes.ConversationPriorityChanged, by, at, new PriorityChangedData(from, to));

    public static ConversationChange Label(string eventType, long? by, DateTimeOffset at, long labelId) => new(eventType, by, at, new LabelData(labelId));

    public static ConversationChange Mentioned(long? by, DateTimeOffset at, long messageId, IReadOnlyList<long> userIds) =>
        new(EventTypes.ConversationMentioned, by, at, new MentionedData(messageId, userIds));

    public static ConversationChange Read(long? by, DateTimeOffset at, int unread) => new(EventTypes.ConversationRead, by, at, new ReadData(unread));
}

/// <summary>A request that breaks a conversation rule (answered with 400, never a 500).</summary>
public sealed class ConversationRuleException(string message) : Exception(message);
