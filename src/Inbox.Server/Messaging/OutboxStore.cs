using System.Data.Common;
using Dapper;
using Inbox.Server.Data;

namespace Inbox.Server.Messaging;

/// <summary>Replies waiting for delivery. A row is claimed by one node (<c>locked_by</c>) with a lease, so one sender works
/// it at a time; the claim ends with the lease or when its owner stops beating (<see cref="NodeHeartbeatStore"/>).</summary>
public sealed class OutboxStore(IDbConnectionFactory db, NodeIdentity node, NodeHeartbeatStore heartbeats)
{
    public async Task EnqueueAsync(DbConnection c, DbTransaction tx, long messageId, long channelId, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO outbox (message_id, channel_id, idempotency_key, attempts, next_attempt_at, created_at)
            VALUES (@MessageId, @ChannelId, @Key, 0, @Now, @Now)
            """, new { MessageId = messageId, ChannelId = channelId, Key = $"inbox-{messageId}-{Guid.NewGuid():N}", Now = now }, tx, cancellationToken: ct));

    /// <summary>
    /// Claims up to <paramref name="max"/> due rows for this node. A row claimed by another node is skipped while its
    /// lease lasts and its owner is alive; a dead owner's claims (no fresh heartbeat) are taken at once. Every claim
    /// counts an attempt, so a row whose outcomes are never recorded still runs out of attempts (the sender parks it).
    /// Once claiming starts it is not cancelled, so every leased row reaches the caller (who releases it on shutdown).
    /// </summary>
    public async Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(int max, DateTimeOffset now, TimeSpan lease, CancellationToken ct)
    {
        var p = new { Now = now, Max = max, Node = node.Id, AliveSince = heartbeats.AliveSince(now), Until = now + lease };
        await using var c = await db.OpenAsync(ct);
        var due = await c.QueryAsync<long>(new CommandDefinition(
            $"SELECT id FROM outbox WHERE {Claimable} ORDER BY next_attempt_at LIMIT @Max", p, cancellationToken: ct));
        var claimed = new List<OutboxItem>();
        foreach (var id in due)
        {
            var item = await c.QuerySingleOrDefaultAsync<OutboxItem>(new CommandDefinition($"""
                UPDATE outbox SET locked_by = @Node, locked_until = @Until, attempts = attempts + 1
                WHERE id = @Id AND {Claimable}
                RETURNING id, message_id, channel_id, idempotency_key, attempts, last_error
                """, new { Id = id, p.Now, p.Node, p.AliveSince, p.Until }, cancellationToken: CancellationToken.None));
            if (item is not null) claimed.Add(item);
        }
        return claimed;
    }

    /// <summary>Due, not parked, and not held: unleased, leased past its time, or held by another node that stopped beating.</summary>
    private static readonly string Claimable = $"""
        failed_at IS NULL AND next_attempt_at <= @Now
        AND (locked_until IS NULL OR locked_until < @Now
             OR ((locked_by IS NULL OR locked_by <> @Node) AND {NodeHeartbeatStore.OwnerIsGone("outbox.locked_by")}))
        """;

    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        // A row another node holds comes due when its lease ends, not before (its owner dying is found by the next poll).
        return await c.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition("""
            SELECT MIN(CASE WHEN locked_until > next_attempt_at THEN locked_until ELSE next_attempt_at END) FROM outbox WHERE failed_at IS NULL
            """, cancellationToken: ct));
    }

    public async Task RetryLaterAsync(long id, DateTimeOffset at, string error, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE outbox SET next_attempt_at = @At, locked_by = NULL, locked_until = NULL, last_error = @Error WHERE id = @Id
            """, new { Id = id, At = at, Error = error }, cancellationToken: ct));
    }

    /// <summary>Gives claimed rows back unworked (the server is stopping): due again at once, on any node.</summary>
    public async Task ReleaseAsync(IReadOnlyList<long> ids, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition($"UPDATE outbox SET locked_by = NULL, locked_until = NULL WHERE id {db.Dialect.In("@Ids")}", new { Ids = ids }, cancellationToken: ct));
    }

    public async Task CompleteAsync(DbConnection c, DbTransaction tx, long id, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM outbox WHERE id = @Id", new { Id = id }, tx, cancellationToken: ct));

    /// <summary>Parks a row that gave up: kept (with its idempotency key) for a manual retry, never due until then.</summary>
    public async Task MarkFailedAsync(DbConnection c, DbTransaction tx, long id, string? error, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE outbox SET failed_at = @Now, locked_by = NULL, locked_until = NULL, last_error = @Error WHERE id = @Id
            """, new { Id = id, Error = error, Now = now }, tx, cancellationToken: ct));

    public async Task MarkFailedAsync(long id, string? error, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await MarkFailedAsync(c, tx, id, error, now, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Re-arms a failed row for delivery now, with a fresh attempt budget; false if there is none to retry.</summary>
    public async Task<bool> RearmFailedAsync(DbConnection c, DbTransaction tx, long messageId, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE outbox SET failed_at = NULL, attempts = 0, next_attempt_at = @Now, locked_by = NULL, locked_until = NULL
            WHERE message_id = @MessageId AND failed_at IS NOT NULL
            """, new { MessageId = messageId, Now = now }, tx, cancellationToken: ct)) == 1;
}

public sealed class OutboxItem
{
    public long Id { get; set; }
    public long MessageId { get; set; }
    public long ChannelId { get; set; }
    public string IdempotencyKey { get; set; } = "";
    /// <summary>Counted at claim, this one included.</summary>
    public int Attempts { get; set; }

    /// <summary>Why the previous attempt did not deliver (or could not be recorded).</summary>
    public string? LastError { get; set; }
}
