using Dapper;
using Inbox.Server.Data;

namespace Inbox.Server.Channels;

/// <summary>
/// Which node works a pull channel: one row per channel, held by its owner until <c>expires_at</c> and renewed
/// while its listener runs. An expired lease is taken over by whichever node asks next.
/// </summary>
public sealed class ChannelLeaseStore(IDbConnectionFactory db)
{
    /// <summary>Takes a free or expired lease, or renews our own; false when another node holds it.</summary>
    public async Task<bool> TryAcquireAsync(long channelId, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO channel_leases (channel_id, owner, acquired_at, expires_at) VALUES (@ChannelId, @Owner, @Now, @Until)
            ON CONFLICT (channel_id) DO UPDATE SET
                acquired_at = CASE WHEN channel_leases.owner = excluded.owner THEN channel_leases.acquired_at ELSE excluded.acquired_at END,
                owner = excluded.owner,
                expires_at = excluded.expires_at
            WHERE channel_leases.owner = excluded.owner OR channel_leases.expires_at < excluded.acquired_at
            """, new { ChannelId = channelId, Owner = owner, Now = now, Until = now + duration }, cancellationToken: ct)) == 1;
    }

    public async Task ReleaseAsync(long channelId, string owner, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM channel_leases WHERE channel_id = @ChannelId AND owner = @Owner", new { ChannelId = channelId, Owner = owner }, cancellationToken: ct));
    }
}
