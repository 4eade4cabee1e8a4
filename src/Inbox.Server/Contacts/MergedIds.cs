using System.Data.Common;
using Dapper;
using Inbox.Server.Data;

namespace Inbox.Server.Contacts;

/// <summary>
/// Where merged-away contacts and conversations went (migration 0018), so an integrator or a bookmark holding an old
/// id is told the survivor instead of a bare 404 (<see cref="MergedIdRedirect"/>).
/// </summary>
public sealed class MergedIds(IDbConnectionFactory db)
{
    public const string Contact = "contact";
    public const string Conversation = "conversation";

    /// <summary>Records <paramref name="oldId"/> → <paramref name="newId"/> in the merge's transaction; ids that had
    /// been merged into <paramref name="oldId"/> now point at <paramref name="newId"/> too (one hop, however long the chain).</summary>
    public async Task RecordAsync(DbConnection c, DbTransaction tx, string kind, long oldId, long newId, DateTimeOffset now, CancellationToken ct)
    {
        var p = new { Kind = kind, OldId = oldId, NewId = newId, Now = now };
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE merged_ids SET new_id = @NewId WHERE kind = @Kind AND new_id = @OldId", p, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO merged_ids (kind, old_id, new_id, merged_at) VALUES (@Kind, @OldId, @NewId, @Now)
            ON CONFLICT (kind, old_id) DO UPDATE SET new_id = excluded.new_id, merged_at = excluded.merged_at
            """, p, tx, cancellationToken: ct));
    }

    /// <summary>The survivor <paramref name="id"/> was merged into, if it still exists.</summary>
    public async Task<long?> SurvivorAsync(string kind, long id, CancellationToken ct)
    {
        var table = kind == Contact ? "contacts" : "conversations";
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>(new CommandDefinition($"""
            SELECT m.new_id FROM merged_ids m JOIN {table} t ON t.id = m.new_id WHERE m.kind = @Kind AND m.old_id = @Id
            """, new { Kind = kind, Id = id }, cancellationToken: ct));
    }
}
