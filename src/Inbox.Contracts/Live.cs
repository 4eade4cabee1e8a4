using System.Text.Json;

namespace Inbox.Contracts;

/// <summary>Names of durable live events; their ids increase monotonically and can be replayed.</summary>
public static class AgentEventTypes
{
    public const string MessageReceived = "message.received";
    public const string MessageCreated = "message.created";
    public const string MessageStatusChanged = "message.status_changed";
    public const string ConversationUpdated = "conversation.updated";
    public const string ConversationRemoved = "conversation.removed";
}

/// <summary>A conversation disappeared from the inbox, e.g. merged into another contact's thread.</summary>
public sealed record ConversationRemovedDto(long ConversationId, long? MergedIntoConversationId);

/// <summary>A durable event as replayed after a reconnect: Payload is the same DTO the live call carried.</summary>
public sealed record AgentEvent(long EventId, string Type, long ConversationId, JsonElement Payload, DateTimeOffset At);

public sealed record TypingDto(long ConversationId, long? UserId, string? Name, bool IsTyping);

/// <summary>Server → agent console calls on AgentHub. Durable calls carry the event id to resume from.</summary>
public interface IAgentClient
{
    Task MessageReceived(long eventId, MessageDto message);
    Task MessageCreated(long eventId, MessageDto message);
    Task MessageStatusChanged(long eventId, MessageStatusDto status);
    Task ConversationUpdated(long eventId, ConversationDto conversation);
    Task ConversationRemoved(long eventId, ConversationRemovedDto removed);
    Task Typing(TypingDto typing);
}

/// <summary>Agent console → server calls on AgentHub (path /hubs/agent).</summary>
public interface IAgentHub
{
    Task JoinConversation(long conversationId);
    Task LeaveConversation(long conversationId);
    Task Typing(long conversationId, bool isTyping);
    /// <summary>The newest durable event id: take it before loading lists over HTTP, then replay from it.</summary>
    Task<long> GetLatestEventId();
    /// <summary>Everything visible to the caller after <paramref name="lastEventId"/>, oldest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<AgentEvent>> GetEventsSince(long lastEventId, int max);
}
