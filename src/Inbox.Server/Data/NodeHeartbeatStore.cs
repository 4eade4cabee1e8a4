using Dapper;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Data;

/// <summary>
/// One row per running server process, refreshed every <see cref="NodeOptions.HeartbeatInterval"/>. Anything a node
/// claims (outbox rows, later channel leases) names it as owner; a claim whose owner has no fresh heartbeat is free.
/// </summary>
public sealed class NodeHeartbeatStore(IDbConnectionFactory db, IOptions<NodeOptions> options)
{
    /// <summary>A SQL condition, true when the node named in <paramref name="ownerColumn"/> has not beaten since
    /// <c>@AliveSince</c> (or has no row at all): it crashed or stopped, and its claims may be taken.</summary>
    public static string OwnerIsGone(string ownerColumn) =>
        $"NOT EXISTS (SELECT 1 FROM node_heartbeats h WHERE h.node_id = {ownerColumn} AND h.heartbeat_at >= @AliveSince)";

    /// <summary>The value for <c>@AliveSince</c>: heartbeats older than this are a dead node's.</summary>
    public DateTimeOffset AliveSince(DateTimeOffset now) => now - options.Value.DeadAfter;

    public async Task BeatAsync(string nodeId, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO node_heartbeats (node_id, started_at, heartbeat_at) VALUES (@NodeId, @Now, @Now)
            ON CONFLICT (node_id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at
            """, new { NodeId = nodeId, Now = now }, cancellationToken: ct));
    }

    /// <summary>A clean stop: the node's claims are free at once.</summary>
    public async Task RemoveAsync(string nodeId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM node_heartbeats WHERE node_id = @NodeId", new { NodeId = nodeId }, cancellationToken: ct));
    }

    /// <summary>Forgets nodes long dead (a missing row reads as dead too, so this only keeps the table small).</summary>
    public async Task PruneAsync(DateTimeOffset before, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM node_heartbeats WHERE heartbeat_at < @Before", new { Before = before }, cancellationToken: ct));
    }
}
