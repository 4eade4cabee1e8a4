using System.Data.Common;
using Dapper;
using Inbox.Contracts;
using Inbox.Server.Data;

namespace Inbox.Server.Commerce;

/// <summary>Reservations and the stock they hold. Every stock change is one conditional UPDATE whose affected-row count
/// says whether it happened, so concurrent reservations of the last unit cannot both win on either database.</summary>
public sealed class ReservationStore(IDbConnectionFactory db)
{
    private const string DtoSelect = """
        SELECT r.id, r.status, r.product_id, p.sku, p.name AS product_name, r.location_id, l.name AS location_name, r.quantity,
               r.contact_id, k.name AS contact_name, r.conversation_id, r.expires_at, r.created_at,
               r.created_by, r.closed_at, r.closed_by
        FROM commerce_reservations r
        JOIN commerce_products p ON p.id = r.product_id
        JOIN commerce_locations l ON l.id = r.location_id
        LEFT JOIN contacts k ON k.id = r.contact_id
        """;

    /// <summary>Takes <paramref name="quantity"/> units from what is available; false when fewer are (nothing changes).</summary>
    public async Task<bool> TryHoldStockAsync(DbConnection c, DbTransaction tx, long productId, long locationId, int quantity, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE commerce_stock SET reserved = reserved + @Quantity, updated_at = @Now
            WHERE product_id = @ProductId AND location_id = @LocationId AND on_hand - reserved >= @Quantity
            """, new { ProductId = productId, LocationId = locationId, Quantity = quantity, Now = now }, tx, cancellationToken: ct)) == 1;

    /// <summary>Moves the stock row by a closed reservation's deltas (both negative or zero); the CHECK keeps it sane.</summary>
    public async Task ApplyStockAsync(DbConnection c, DbTransaction tx, Reservation r, ReservationChange change, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE commerce_stock SET on_hand = on_hand + @OnHand, reserved = reserved + @Reserved, updated_at = @Now
            WHERE product_id = @ProductId AND location_id = @LocationId
            """, new { OnHand = change.OnHandDelta, Reserved = change.ReservedDelta, r.ProductId, r.LocationId, Now = now }, tx, cancellationToken: ct));

    public async Task<long> InsertAsync(DbConnection c, DbTransaction tx, long productId, long locationId, int quantity, long? contactId, long? conversationId,
        DateTimeOffset expiresAt, long createdBy, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO commerce_reservations (product_id, location_id, quantity, contact_id, conversation_id, status, expires_at, created_by, created_at)
            VALUES (@ProductId, @LocationId, @Quantity, @ContactId, @ConversationId, 'held', @ExpiresAt, @CreatedBy, @Now)
            RETURNING id
            """, new
            {
                ProductId = productId, LocationId = locationId, Quantity = quantity, ContactId = contactId, ConversationId = conversationId,
                ExpiresAt = expiresAt, CreatedBy = createdBy, Now = now,
            }, tx, cancellationToken: ct));

    /// <summary>A contact merge: the source's reservations follow its identities and messages into the target's thread.</summary>
    public async Task MoveToContactAsync(DbConnection c, DbTransaction tx, long sourceContactId, long targetContactId, long? targetConversationId, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE commerce_reservations SET contact_id = @Target, conversation_id = COALESCE(@Conversation, conversation_id) WHERE contact_id = @Source
            """, new { Source = sourceContactId, Target = targetContactId, Conversation = targetConversationId }, tx, cancellationToken: ct));

    public async Task<Reservation?> GetForUpdateAsync(DbConnection c, DbTransaction tx, long id, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"""
            SELECT id, product_id, location_id, quantity, status, expires_at, conversation_id FROM commerce_reservations WHERE id = @Id {db.Dialect.LockForUpdate}
            """, new { Id = id }, tx, cancellationToken: ct));
        return row is null ? null : Reservation.Load(row.Id, row.ProductId, row.LocationId, row.Quantity, DbEnum.Parse<ReservationStatus>(row.Status), row.ExpiresAt, row.ConversationId);
    }

    /// <summary>Writes a transition out of held; false when another one got there first (the row is no longer held).</summary>
    public async Task<bool> SaveClosedAsync(DbConnection c, DbTransaction tx, Reservation r, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE commerce_reservations SET status = @Status, closed_at = @ClosedAt, closed_by = @ClosedBy WHERE id = @Id AND status = 'held'
            """, new { Status = r.Status.ToDb(), r.ClosedAt, r.ClosedBy, r.Id }, tx, cancellationToken: ct)) == 1;

    public async Task<ReservationDto?> GetDtoAsync(DbConnection c, DbTransaction? tx, long id, CancellationToken ct) =>
        (await c.QuerySingleOrDefaultAsync<DtoRow>(new CommandDefinition($"{DtoSelect} WHERE r.id = @Id", new { Id = id }, tx, cancellationToken: ct)))?.ToDto();

    public async Task<ReservationDto?> GetDtoAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await GetDtoAsync(c, null, id, ct);
    }

    public async Task<IReadOnlyList<ReservationDto>> ListForConversationAsync(long conversationId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<DtoRow>(new CommandDefinition($"{DtoSelect} WHERE r.conversation_id = @Id ORDER BY r.id DESC LIMIT 200",
            new { Id = conversationId }, cancellationToken: ct))).Select(r => r.ToDto()).ToList();
    }

    /// <summary>A branch's list: held ones (soonest to expire first), then those closed or made since <paramref name="since"/>.</summary>
    public async Task<IReadOnlyList<ReservationDto>> ListForLocationAsync(long locationId, DateTimeOffset since, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<DtoRow>(new CommandDefinition($"""
            {DtoSelect}
            WHERE r.location_id = @LocationId AND (r.status = 'held' OR r.created_at >= @Since OR r.closed_at >= @Since)
            ORDER BY CASE WHEN r.status = 'held' THEN 0 ELSE 1 END, r.expires_at, r.id
            LIMIT 500
            """, new { LocationId = locationId, Since = since }, cancellationToken: ct))).Select(r => r.ToDto()).ToList();
    }

    public async Task<IReadOnlyList<long>> DueToExpireAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM commerce_reservations WHERE status = 'held' AND expires_at <= @Now ORDER BY expires_at LIMIT 500", new { Now = now }, cancellationToken: ct))).ToList();
    }

    /// <summary>Held reservations whose branch has a contact email and has not been mailed yet.</summary>
    public async Task<IReadOnlyList<long>> DueForBranchMailAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<long>(new CommandDefinition("""
            SELECT r.id FROM commerce_reservations r JOIN commerce_locations l ON l.id = r.location_id
            WHERE r.status = 'held' AND r.branch_notified_at IS NULL AND l.contact_email IS NOT NULL AND l.contact_email <> ''
            ORDER BY r.id LIMIT 100
            """, cancellationToken: ct))).ToList();
    }

    /// <summary>Held reservations made before their reminder time, which has now come, whose customer is not yet reminded.</summary>
    public async Task<IReadOnlyList<long>> DueForReminderAsync(DateTimeOffset now, TimeSpan before, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<HoldRow>(new CommandDefinition("""
            SELECT id, expires_at, created_at FROM commerce_reservations
            WHERE status = 'held' AND reminded_at IS NULL AND conversation_id IS NOT NULL AND created_by IS NOT NULL
              AND expires_at > @Now AND expires_at <= @Horizon
            ORDER BY expires_at LIMIT 100
            """, new { Now = now, Horizon = now + before }, cancellationToken: ct));
        // A hold shorter than the reminder time is not reminded: the confirmation has just said when it ends.
        return rows.Where(r => r.ExpiresAt - r.CreatedAt > before).Select(r => r.Id).ToList();
    }

    /// <summary>Takes the branch mail (or, with <paramref name="reminder"/>, the reminder) of one reservation for this
    /// node; false when another node has it. <see cref="ReturnNoticeAsync"/> gives it back when sending failed.</summary>
    public async Task<bool> ClaimNoticeAsync(long id, bool reminder, DateTimeOffset now, CancellationToken ct)
    {
        var column = reminder ? "reminded_at" : "branch_notified_at";
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            $"UPDATE commerce_reservations SET {column} = @Now WHERE id = @Id AND {column} IS NULL AND status = 'held'",
            new { Id = id, Now = now }, cancellationToken: ct)) == 1;
    }

    public async Task ReturnNoticeAsync(long id, bool reminder, CancellationToken ct)
    {
        var column = reminder ? "reminded_at" : "branch_notified_at";
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition($"UPDATE commerce_reservations SET {column} = NULL WHERE id = @Id", new { Id = id }, cancellationToken: ct));
    }

    /// <summary>The language the customer was last written to about this reservation (null: never).</summary>
    public async Task<string?> LanguageAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT language FROM commerce_reservations WHERE id = @Id", new { Id = id }, cancellationToken: ct));
    }

    public async Task SetLanguageAsync(long id, string language, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("UPDATE commerce_reservations SET language = @Language WHERE id = @Id", new { Id = id, Language = language }, cancellationToken: ct));
    }

    private sealed class HoldRow
    {
        public long Id { get; set; }
        public DateTimeOffset ExpiresAt { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
    }

    private sealed class Row
    {
        public long Id { get; set; }
        public long ProductId { get; set; }
        public long LocationId { get; set; }
        public int Quantity { get; set; }
        public string Status { get; set; } = "";
        public DateTimeOffset ExpiresAt { get; set; }
        public long? ConversationId { get; set; }
    }

    private sealed class DtoRow
    {
        public long Id { get; set; }
        public string Status { get; set; } = "";
        public long ProductId { get; set; }
        public string Sku { get; set; } = "";
        public string ProductName { get; set; } = "";
        public long LocationId { get; set; }
        public string LocationName { get; set; } = "";
        public int Quantity { get; set; }
        public long? ContactId { get; set; }
        public string? ContactName { get; set; }
        public long? ConversationId { get; set; }
        public DateTimeOffset ExpiresAt { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public long? CreatedBy { get; set; }
        public DateTimeOffset? ClosedAt { get; set; }
        public long? ClosedBy { get; set; }

        public ReservationDto ToDto() => new(Id, DbEnum.Parse<ReservationStatus>(Status), ProductId, Sku, ProductName, LocationId, LocationName, Quantity,
            ContactId, ContactName, ConversationId, ExpiresAt, CreatedAt, CreatedBy, ClosedAt, ClosedBy);
    }
}
