using Inbox.Contracts;

namespace Inbox.Server.Live;

/// <summary>
/// The typed <c>data</c> of a stored event (JSON, camelCase): what reports and webhooks need, ids rather than copies.
/// Replay rebuilds the live DTOs from the current rows, so nothing else of the event is kept.
/// </summary>
public abstract record EventData;

/// <summary><see cref="EventTypes.ConversationStatusChanged"/>.</summary>
public sealed record StatusChangedData(ConversationStatus From, ConversationStatus To, string? Reason) : EventData;

/// <summary><see cref="EventTypes.ConversationAssigned"/>: null is nobody / no team.</summary>
public sealed record AssignedData(long? FromAgentId, long? FromTeamId, long? ToAgentId, long? ToTeamId, string? Reason) : EventData;

/// <summary><see cref="EventTypes.ConversationRead"/>: how many messages were unread.</summary>
public sealed record ReadData(int Unread) : EventData;

/// <summary><see cref="EventTypes.ConversationPriorityChanged"/>.</summary>
public sealed record PriorityChangedData(ConversationPriority From, ConversationPriority To) : EventData;

/// <summary><see cref="EventTypes.ConversationLabelAdded"/> and <see cref="EventTypes.ConversationLabelRemoved"/>.</summary>
public sealed record LabelData(long LabelId) : EventData;

/// <summary><see cref="EventTypes.ConversationMentioned"/>: the note, and who was mentioned in it.</summary>
public sealed record MentionedData(long MessageId, IReadOnlyList<long> UserIds) : EventData;

/// <summary><see cref="EventTypes.ConversationMerged"/>.</summary>
public sealed record MergedData(long SourceContactId, long TargetContactId, long? SourceConversationId) : EventData;

/// <summary><see cref="EventTypes.ConversationRemoved"/>: the same fields as <see cref="ConversationRemovedDto"/>, and why.</summary>
public sealed record RemovedData(long ConversationId, long? MergedIntoConversationId, string? Reason) : EventData;

/// <summary><see cref="EventTypes.MessageStatusChanged"/>.</summary>
public sealed record MessageStatusData(MessageStatus Status, string? Error, string? Reason) : EventData;

/// <summary>The reservation.* events: which reservation, of what, where, how many, until when.</summary>
public sealed record ReservationData(long ReservationId, long ProductId, long LocationId, int Quantity, DateTimeOffset ExpiresAt, ReservationStatus Status) : EventData;

/// <summary><see cref="EventTypes.OrderCancellationRequested"/>: which order of which source, how, and where it stands now.</summary>
public sealed record OrderCancellationData(string Source, string Number, CancellationRule Rule, OrderStatus Status, string? Reason) : EventData;
