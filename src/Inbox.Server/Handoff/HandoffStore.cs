using System.Data.Common;
using Dapper;

namespace Inbox.Server.Handoff;

/// <summary>The <c>handoff_codes</c> table: issued codes by hash, claimed at most once before they expire.</summary>
public sealed class HandoffStore
{
    public async Task InsertAsync(DbConnection c, DbTransaction? tx, string codeHash, long contactId, long targetChannelId, long? offeredBy,
        DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO handoff_codes (code_hash, contact_id, target_channel_id, offered_by, created_at, expires_at)
            VALUES (@Hash, @ContactId, @ChannelId, @OfferedBy, @Now, @ExpiresAt)
            """, new { Hash = codeHash, ContactId = contactId, ChannelId = targetChannelId, OfferedBy = offeredBy, Now = now, ExpiresAt = expiresAt },
            tx, cancellationToken: ct));

    /// <summary>Marks the code used by <paramref name="identityId"/> and returns it, or null when it is unknown, used, expired
    /// or meant for another channel. One statement, so two senders of the same code cannot both claim it.</summary>
    public async Task<ClaimedCode?> ClaimAsync(DbConnection c, DbTransaction tx, string codeHash, long channelId, long identityId, DateTimeOffset now, CancellationToken ct) =>
        await c.QuerySingleOrDefaultAsync<ClaimedCode>(new CommandDefinition("""
            UPDATE handoff_codes SET used_at = @Now, used_by_identity = @IdentityId
            WHERE code_hash = @Hash AND used_at IS NULL AND expires_at > @Now AND target_channel_id = @ChannelId
            RETURNING contact_id, created_at
            """, new { Hash = codeHash, ChannelId = channelId, IdentityId = identityId, Now = now }, tx, cancellationToken: ct));

    /// <summary>Codes follow their contact into a merge.</summary>
    public static async Task MoveToContactAsync(DbConnection c, DbTransaction tx, long sourceId, long targetId, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("UPDATE handoff_codes SET contact_id = @TargetId WHERE contact_id = @SourceId",
            new { SourceId = sourceId, TargetId = targetId }, tx, cancellationToken: ct));
}

public sealed class ClaimedCode
{
    public long ContactId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
