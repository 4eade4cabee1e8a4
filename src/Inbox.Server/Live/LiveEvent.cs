using Inbox.Contracts;

namespace Inbox.Server.Live;

/// <summary>Who may see a conversation's events: everyone when it has no team, else the team and admins.</summary>
public sealed record ConversationAudience(long ConversationId, long? TeamId, long? AssigneeId);

/// <summary>A durable event after its commit, with the DTO the live call carries.</summary>
public sealed record LiveEvent(long EventId, string Type, ConversationAudience Audience, object Payload)
{
    /// <summary>The console's kinds of durable call; the stored type is finer (for reports).</summary>
    public string ClientType => ClientTypeOf(Type);

    public static string ClientTypeOf(string storedType) => storedType switch
    {
        AgentEventTypes.MessageReceived or AgentEventTypes.MessageCreated or AgentEventTypes.MessageStatusChanged or AgentEventTypes.MessageEdited or AgentEventTypes.ConversationRemoved => storedType,
        EventTypes.ReservationHeld or EventTypes.ReservationPickedUp or EventTypes.ReservationReleased or EventTypes.ReservationExpired => AgentEventTypes.ReservationChanged,
        _ => AgentEventTypes.ConversationUpdated,
    };
}
