using System.Data.Common;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;
using Inbox.Server.Conversations;
using Inbox.Server.Data;
using Inbox.Server.Live;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Commerce;

/// <summary>
/// Reserve for pickup, pick up, release, expire. Each runs in one transaction: the stock row first (a conditional
/// UPDATE), then the reservation, then the conversation's event; after the commit the event is pushed live to the
/// conversation's audience. Stock is always touched before the event log's lock, so no two paths wait on each other.
/// </summary>
public sealed class ReservationCommands(
    IDbConnectionFactory db,
    ReservationStore reservations,
    CatalogueStore catalogue,
    ConversationStore conversations,
    ConversationEventStore events,
    BranchAccess branches,
    IInboxNotifier notifier,
    IOptions<CommerceOptions> options,
    TimeProvider time)
{
    public const int MaxQuantity = 100;

    public async Task<Outcome<ReservationDto>> ReserveAsync(Viewer viewer, long conversationId, CreateReservationRequest request, CancellationToken ct)
    {
        if (request.Quantity is < 1 or > MaxQuantity) return Outcome<ReservationDto>.Invalid("quantity", $"Quantity is between 1 and {MaxQuantity}.");
        var now = ToStoredPrecision(time.GetUtcNow());
        var expiresAt = now + options.Value.ReservationHold;
        LiveEvent live;
        ReservationDto dto;
        await using (var c = await db.OpenAsync(ct))
        await using (var tx = await c.BeginTransactionAsync(ct))
        {
            var conversation = await conversations.GetDtoAsync(c, tx, conversationId, ct);
            if (conversation is null || !viewer.CanSee(conversation.TeamId)) return Outcome<ReservationDto>.NotFound("Conversation");
            var product = await catalogue.GetProductAsync(c, tx, request.ProductId, ct);
            if (product is null) return Outcome<ReservationDto>.Invalid("productId", $"There is no product {request.ProductId}.");
            var location = await catalogue.GetLocationAsync(c, tx, request.LocationId, ct);
            if (location is null) return Outcome<ReservationDto>.Invalid("locationId", $"There is no location {request.LocationId}.");

            if (!await reservations.TryHoldStockAsync(c, tx, product.Id, location.Id, request.Quantity, now, ct))
                return Outcome<ReservationDto>.Conflict(await WhyNotAsync(c, tx, product, location, request.Quantity, ct));
            var id = await reservations.InsertAsync(c, tx, product.Id, location.Id, request.Quantity, conversation.Contact.Id, conversation.Id,
                expiresAt, viewer.UserId, now, ct);
            dto = (await reservations.GetDtoAsync(c, tx, id, ct))!;
            live = await AppendAsync(c, tx, EventTypes.ReservationHeld, conversation, viewer.UserId, dto, now, ct);
            await tx.CommitAsync(ct);
        }
        await notifier.PublishAsync([live], ct);
        return Outcome<ReservationDto>.Ok(dto);
    }

    public async Task<Outcome<ReservationDto>> PickUpAsync(Viewer viewer, long id, CancellationToken ct) =>
        await CloseAsync(id, await branches.BranchesOfAsync(viewer, ct), (r, at) => r.PickUp(viewer.UserId, at), ct);

    public async Task<Outcome<ReservationDto>> ReleaseAsync(Viewer viewer, long id, CancellationToken ct) =>
        await CloseAsync(id, await branches.BranchesOfAsync(viewer, ct), (r, at) => r.Release(viewer.UserId, at), ct);

    /// <summary>Gives back the units of every held reservation whose time is up (no viewer: the system acts).</summary>
    public async Task<int> ExpireDueAsync(CancellationToken ct)
    {
        var expired = 0;
        foreach (var id in await reservations.DueToExpireAsync(time.GetUtcNow(), ct))
            if ((await CloseAsync(id, null, (r, at) => r.Expire(at), ct)).Error is null) expired++;
        return expired;
    }

    /// <param name="onlyAt">The branches the acting staff member works; null for every branch (and for the system).</param>
    private async Task<Outcome<ReservationDto>> CloseAsync(long id, IReadOnlyList<long>? onlyAt, Func<Reservation, DateTimeOffset, ReservationChange> close, CancellationToken ct)
    {
        var now = ToStoredPrecision(time.GetUtcNow());
        LiveEvent? live = null;
        ReservationDto dto;
        await using (var c = await db.OpenAsync(ct))
        await using (var tx = await c.BeginTransactionAsync(ct))
        {
            var reservation = await reservations.GetForUpdateAsync(c, tx, id, ct);
            if (reservation is null) return Outcome<ReservationDto>.NotFound("Reservation");
            if (onlyAt is not null && !onlyAt.Contains(reservation.LocationId))
                return Outcome<ReservationDto>.Forbidden("This reservation is held at another branch; its own staff hand it over or release it.");
            ReservationChange change;
            try
            {
                change = close(reservation, now);
            }
            catch (ReservationRuleException ex)
            {
                return Outcome<ReservationDto>.Conflict(ex.Message);
            }
            // The row lock (PostgreSQL) or the single writer (SQLite) already orders transitions; the guarded UPDATE is
            // the belt to those braces: a reservation leaves "held" once, so its units are given back once.
            if (!await reservations.SaveClosedAsync(c, tx, reservation, ct))
                return Outcome<ReservationDto>.Conflict($"Reservation {id} was changed by someone else a moment ago; reload it.");
            await reservations.ApplyStockAsync(c, tx, reservation, change, now, ct);
            dto = (await reservations.GetDtoAsync(c, tx, id, ct))!;
            if (reservation.ConversationId is { } conversationId && await conversations.GetDtoAsync(c, tx, conversationId, ct) is { } conversation)
                live = await AppendAsync(c, tx, change.EventType, conversation, change.ActorId, dto, now, ct);
            await tx.CommitAsync(ct);
        }
        if (live is not null) await notifier.PublishAsync([live], ct);
        return Outcome<ReservationDto>.Ok(dto);
    }

    private Task<LiveEvent> AppendAsync(DbConnection c, DbTransaction tx, string type, ConversationDto conversation, long? actorId, ReservationDto r,
        DateTimeOffset now, CancellationToken ct) =>
        events.AppendAsync(c, tx, type, new ConversationAudience(conversation.Id, conversation.TeamId, conversation.AssigneeId), actorId,
            new ReservationData(r.Id, r.ProductId, r.LocationId, r.Quantity, r.ExpiresAt, r.Status), r, now, ct);

    /// <summary>The 409's words: what is left, so the agent can offer another branch or fewer units.</summary>
    private async Task<string> WhyNotAsync(DbConnection c, DbTransaction tx, ProductDto product, LocationDto location, int quantity, CancellationToken ct)
    {
        var stock = await catalogue.GetStockAsync(c, tx, product.Id, location.Id, ct);
        if (stock is null) return $"{product.Name} ({product.Sku}) is not stocked at {location.Name}.";
        var units = quantity == 1 ? "1 unit" : $"{quantity} units";
        return stock.Available == 0
            ? $"No unit of {product.Name} ({product.Sku}) is available at {location.Name}: {stock.OnHand} on hand, {stock.Reserved} already reserved. Someone else may have reserved the last one a moment ago."
            : $"Only {stock.Available} of {product.Name} ({product.Sku}) available at {location.Name} ({stock.OnHand} on hand, {stock.Reserved} reserved); {units} asked.";
    }

    /// <summary>UTC, to the millisecond: what both databases keep exactly.</summary>
    private static DateTimeOffset ToStoredPrecision(DateTimeOffset t)
    {
        var utc = t.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMillisecond));
    }
}
