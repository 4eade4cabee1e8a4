namespace Inbox.Server.Conversations;

public enum ConversationChangeKind { StatusChanged, Assigned }

/// <summary>What a state change on a conversation did, by whom: stored as a conversation event for reports.</summary>
public sealed record ConversationChange(ConversationChangeKind Kind, long? ActorId, DateTimeOffset At, string From, string To, string? Reason)
{
    public string EventType => Kind switch
    {
        ConversationChangeKind.StatusChanged => "conversation.status_changed",
        _ => "conversation.assigned",
    };
}

/// <summary>A request that breaks a conversation rule (answered with 400, never a 500).</summary>
public sealed class ConversationRuleException(string message) : Exception(message);
