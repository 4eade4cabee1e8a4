using System.Data.Common;
using Dapper;
using Inbox.Server.Data;

namespace Inbox.Server.Channels;

/// <summary>Where each pull channel's listener resumes (UID/UIDVALIDITY, an update offset), as the connector wrote it.</summary>
public sealed class ChannelCursorStore(IDbConnectionFactory db)
{
    public async Task<string?> GetAsync(long channelId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT cursor FROM channel_cursors WHERE channel_id = @ChannelId", new { ChannelId = channelId }, cancellationToken: ct));
    }

    /// <summary>
    /// Writes the cursor inside the transaction that stores the messages it covers, only while <paramref name="owner"/>
    /// holds the channel's lease (a fencing check: a node that lost its lease cannot move the cursor or store what it
    /// fetched). False when the lease is gone; the caller rolls back.
    /// </summary>
    public static async Task<bool> WriteFencedAsync(DbConnection c, DbTransaction tx, long channelId, string owner, string cursor, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO channel_cursors (channel_id, cursor, updated_at)
            SELECT @ChannelId, @Cursor, @Now
            WHERE EXISTS (SELECT 1 FROM channel_leases WHERE channel_id = @ChannelId AND owner = @Owner AND expires_at > @Now)
            ON CONFLICT (channel_id) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at
            """, new { ChannelId = channelId, Owner = owner, Cursor = cursor, Now = now }, tx, cancellationToken: ct)) == 1;
}
