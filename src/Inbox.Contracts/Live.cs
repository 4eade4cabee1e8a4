using System.Text.Json;

namespace Inbox.Contracts;

/// <summary>
/// Every stored event type, in one place: what <c>conversation_events.type</c> holds and what reports and webhooks read.
/// The console sees them folded into the <see cref="AgentEventTypes"/>.
/// </summary>
public static class EventTypes
{
    public const string MessageReceived = "message.received";
    public const string MessageCreated = "message.created";
    /// <summary>The customer edited a message they had sent (its text now, <c>editedAt</c> set).</summary>
    public const string MessageEdited = "message.edited";
    /// <summary>Data: status, error, reason.</summary>
    public const string MessageStatusChanged = "message.status_changed";
    /// <summary>A customer's first message opened the thread.</summary>
    public const string ConversationCreated = "conversation.created";
    /// <summary>A message changed the thread's preview, unread count or activity time, nothing else.</summary>
    public const string ConversationActivity = "conversation.activity";
    /// <summary>Data: from, to, reason.</summary>
    public const string ConversationStatusChanged = "conversation.status_changed";
    /// <summary>Data: fromAgentId, fromTeamId, toAgentId, toTeamId, reason.</summary>
    public const string ConversationAssigned = "conversation.assigned";
    /// <summary>An agent read the thread. Data: unread (how many were unread).</summary>
    public const string ConversationRead = "conversation.read";
    /// <summary>Data: from, to.</summary>
    public const string ConversationPriorityChanged = "conversation.priority_changed";
    /// <summary>Data: labelId.</summary>
    public const string ConversationLabelAdded = "conversation.label_added";
    /// <summary>Data: labelId.</summary>
    public const string ConversationLabelRemoved = "conversation.label_removed";
    /// <summary>Agents were @mentioned in a private note. Data: messageId, userIds.</summary>
    public const string ConversationMentioned = "conversation.mentioned";
    /// <summary>Data: sourceContactId, targetContactId, sourceConversationId.</summary>
    public const string ConversationMerged = "conversation.merged";
    /// <summary>Data: conversationId, mergedIntoConversationId, reason.</summary>
    public const string ConversationRemoved = "conversation.removed";
    /// <summary>An identity joined the contact automatically. Data: identityId, kind, reason, channelId.</summary>
    public const string IdentityLinked = "conversation.identity_linked";
    /// <summary>An agent split a wrongly linked identity off into its own contact. Data: identityId, newContactId, newConversationId, messages.</summary>
    public const string IdentitySplit = "conversation.identity_split";
    /// <summary>Units held for pickup on this conversation. Data: reservationId, productId, locationId, quantity, expiresAt, status.</summary>
    public const string ReservationHeld = "reservation.held";
    /// <summary>Staff handed the units over at the branch. Data as <see cref="ReservationHeld"/>.</summary>
    public const string ReservationPickedUp = "reservation.picked_up";
    /// <summary>Staff or an agent gave the units back. Data as <see cref="ReservationHeld"/>.</summary>
    public const string ReservationReleased = "reservation.released";
    /// <summary>The hold ran out and the units went back on sale. Data as <see cref="ReservationHeld"/>.</summary>
    public const string ReservationExpired = "reservation.expired";
    /// <summary>An agent asked the order's shop to cancel it (a note or a status change). Data: source, number, rule, status, reason.</summary>
    public const string OrderCancellationRequested = "order.cancellation_requested";
}

/// <summary>Names of the console's durable live calls; their ids increase monotonically and can be replayed.</summary>
public static class AgentEventTypes
{
    public const string MessageReceived = EventTypes.MessageReceived;
    public const string MessageCreated = EventTypes.MessageCreated;
    public const string MessageStatusChanged = EventTypes.MessageStatusChanged;
    public const string MessageEdited = EventTypes.MessageEdited;
    /// <summary>Every other conversation.* event: the payload is the conversation as it is now.</summary>
    public const string ConversationUpdated = "conversation.updated";
    public const string ConversationRemoved = EventTypes.ConversationRemoved;
    /// <summary>Every reservation.* event: the payload is the reservation as it is now.</summary>
    public const string ReservationChanged = "reservation.changed";
}

/// <summary>A conversation disappeared from the inbox, e.g. merged into another contact's thread.</summary>
public sealed record ConversationRemovedDto(long ConversationId, long? MergedIntoConversationId);

/// <summary>A durable event as replayed after a reconnect: Payload is the DTO of the live call, built from the current rows
/// (a message's or conversation's state now, not at the time of the event); applied in order they end where live calls end.</summary>
public sealed record AgentEvent(long EventId, string Type, long ConversationId, JsonElement Payload, DateTimeOffset At);

public sealed record TypingDto(long ConversationId, long? UserId, string? Name, bool IsTyping);

/// <summary>An agent with the thread open; Replying while their composer holds a reply.</summary>
public sealed record ConversationViewerDto(long UserId, string Name, bool Replying);

/// <summary>Everyone who has the thread open now on any node (the caller included), first to open it first. Ephemeral.</summary>
public sealed record ConversationViewersDto(long ConversationId, IReadOnlyList<ConversationViewerDto> Viewers);

/// <summary>Server → agent console calls on AgentHub. Durable calls carry the event id to resume from.</summary>
public interface IAgentClient
{
    Task MessageReceived(long eventId, MessageDto message);
    Task MessageCreated(long eventId, MessageDto message);
    Task MessageStatusChanged(long eventId, MessageStatusDto status);
    /// <summary>A customer edited a stored message: the message as it is now.</summary>
    Task MessageEdited(long eventId, MessageDto message);
    Task ConversationUpdated(long eventId, ConversationDto conversation);
    Task ConversationRemoved(long eventId, ConversationRemovedDto removed);
    Task Typing(TypingDto typing);
    Task ReservationChanged(long eventId, ReservationDto reservation);
    /// <summary>Something new in the caller's bell (sent to that agent only; the list is at GET /api/notifications).</summary>
    Task Notified(NotificationDto notification);
    /// <summary>An agent went online, away or offline (sent to everyone).</summary>
    Task AgentStatusChanged(AgentStatusDto status);
    /// <summary>Who has a thread open changed (sent to everyone who may see the thread, and to an agent opening it).</summary>
    Task ViewersChanged(ConversationViewersDto viewers);
}

/// <summary>Agent console → server calls on AgentHub (path /hubs/agent).</summary>
public interface IAgentHub
{
    /// <summary>Opens the thread: typing indicators, and the caller is listed among its viewers until they leave or disconnect.</summary>
    Task JoinConversation(long conversationId);
    Task LeaveConversation(long conversationId);
    Task Typing(long conversationId, bool isTyping);
    /// <summary>The caller's composer holds a reply (true) or is empty again (false), in a thread they joined.</summary>
    Task Replying(long conversationId, bool replying);
    /// <summary>The newest durable event id: take it before loading lists over HTTP, then replay from it.</summary>
    Task<long> GetLatestEventId();
    /// <summary>Everything visible to the caller after <paramref name="lastEventId"/>, oldest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<AgentEvent>> GetEventsSince(long lastEventId, int max);
}
