using Inbox.Contracts;

namespace Inbox.Server.Commerce;

/// <summary>Units held at a branch for a customer. Only a held reservation changes, and only once: to picked up,
/// released or expired. Each transition says what it does to the stock.</summary>
public sealed class Reservation
{
    private Reservation(long id, long productId, long locationId, int quantity, ReservationStatus status, DateTimeOffset expiresAt, long? conversationId)
    {
        Id = id;
        ProductId = productId;
        LocationId = locationId;
        Quantity = quantity;
        Status = status;
        ExpiresAt = expiresAt;
        ConversationId = conversationId;
    }

    public long Id { get; }
    public long ProductId { get; }
    public long LocationId { get; }
    public int Quantity { get; }
    public long? ConversationId { get; }
    public ReservationStatus Status { get; private set; }
    public DateTimeOffset ExpiresAt { get; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public long? ClosedBy { get; private set; }

    public static Reservation Load(long id, long productId, long locationId, int quantity, ReservationStatus status, DateTimeOffset expiresAt, long? conversationId) =>
        new(id, productId, locationId, quantity, status, expiresAt, conversationId);

    /// <summary>Staff handed the units over: they leave the shop (on hand and reserved both drop).</summary>
    public ReservationChange PickUp(long by, DateTimeOffset at) => Close(ReservationStatus.PickedUp, by, at, "picked up");

    /// <summary>Staff or an agent gave the units back to sale.</summary>
    public ReservationChange Release(long by, DateTimeOffset at) => Close(ReservationStatus.Released, by, at, "released");

    /// <summary>The hold ran out. Only when it really did: a pickup an instant earlier wins.</summary>
    public ReservationChange Expire(DateTimeOffset at)
    {
        if (Status == ReservationStatus.Held && at < ExpiresAt) throw new ReservationRuleException($"Reservation {Id} holds until {ExpiresAt:u}.");
        return Close(ReservationStatus.Expired, null, at, "expired");
    }

    private ReservationChange Close(ReservationStatus to, long? by, DateTimeOffset at, string verb)
    {
        if (Status != ReservationStatus.Held)
            throw new ReservationRuleException($"Reservation {Id} cannot be {verb}: it was already {Describe(Status)}.");
        Status = to;
        ClosedAt = at;
        ClosedBy = by;
        return new ReservationChange(to switch
        {
            ReservationStatus.PickedUp => EventTypes.ReservationPickedUp,
            ReservationStatus.Released => EventTypes.ReservationReleased,
            _ => EventTypes.ReservationExpired,
        }, by, OnHandDelta: to == ReservationStatus.PickedUp ? -Quantity : 0, ReservedDelta: -Quantity);
    }

    private static string Describe(ReservationStatus s) => s switch
    {
        ReservationStatus.PickedUp => "picked up",
        ReservationStatus.Released => "released",
        ReservationStatus.Expired => "expired",
        _ => "held",
    };
}

/// <summary>What a transition did: its event, who did it, and how the stock row moves.</summary>
public sealed record ReservationChange(string EventType, long? ActorId, int OnHandDelta, int ReservedDelta);

public sealed class ReservationRuleException(string message) : Exception(message);
