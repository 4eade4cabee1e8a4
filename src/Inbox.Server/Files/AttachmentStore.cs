using System.Data.Common;
using Dapper;
using Inbox.Contracts;
using Inbox.Server.Data;

namespace Inbox.Server.Files;

/// <summary>Attachment rows (a message's files, by storage key) and agents' uploads waiting for a reply.</summary>
public sealed class AttachmentStore(IDbConnectionFactory db)
{
    /// <summary>One file of a message. Prepared by the inbound writer; replies use it through Dapper.</summary>
    internal const string InsertSql = """
        INSERT INTO attachments (message_id, file_name, content_type, size, storage_key, created_at)
        VALUES (@MessageId, @FileName, @ContentType, @Size, @StorageKey, @Now)
        RETURNING id
        """;

    public async Task<long> InsertAsync(DbConnection c, DbTransaction tx, long messageId, StoredAttachment file, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteScalarAsync<long>(new CommandDefinition(InsertSql, new
        {
            MessageId = messageId, file.FileName, file.ContentType, file.Size, file.StorageKey, Now = now,
        }, tx, cancellationToken: ct));

    /// <summary>An attachment with the team of its conversation, which decides who may download it.</summary>
    public async Task<AttachmentFile?> FindAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<AttachmentFile>(new CommandDefinition("""
            SELECT a.file_name, a.content_type, a.size, a.storage_key, k.team_id
            FROM attachments a
            JOIN messages m ON m.id = a.message_id
            JOIN conversations k ON k.id = m.conversation_id
            WHERE a.id = @Id
            """, new { Id = id }, cancellationToken: ct));
    }

    /// <summary>The files of these messages as readers see them (no storage keys), by message.</summary>
    public async Task<ILookup<long, AttachmentDto>> OfMessagesAsync(DbConnection c, DbTransaction? tx, IReadOnlyList<long> messageIds, CancellationToken ct)
    {
        if (messageIds.Count == 0) return Array.Empty<AttachmentDto>().ToLookup(_ => 0L);
        var rows = await c.QueryAsync<(long Id, long MessageId, string FileName, string ContentType, long Size)>(new CommandDefinition(
            $"SELECT id, message_id, file_name, content_type, size FROM attachments WHERE message_id {db.Dialect.In("@Ids")} ORDER BY id",
            new { Ids = messageIds }, tx, cancellationToken: ct));
        return rows.ToLookup(r => r.MessageId, r => new AttachmentDto(r.Id, r.FileName, r.ContentType, r.Size));
    }

    public async Task<ILookup<long, AttachmentDto>> OfMessagesAsync(IReadOnlyList<long> messageIds, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await OfMessagesAsync(c, null, messageIds, ct);
    }

    public async Task<IReadOnlyList<StoredAttachment>> ListForMessageAsync(DbConnection c, long messageId, CancellationToken ct) =>
        (await c.QueryAsync<StoredAttachment>(new CommandDefinition(
            "SELECT file_name, content_type, size, storage_key FROM attachments WHERE message_id = @Id ORDER BY id",
            new { Id = messageId }, cancellationToken: ct))).ToList();

    public async Task<long> InsertUploadAsync(long userId, StoredAttachment file, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO uploads (uploaded_by, file_name, content_type, size, storage_key, created_at)
            VALUES (@UserId, @FileName, @ContentType, @Size, @StorageKey, @Now)
            RETURNING id
            """, new { UserId = userId, file.FileName, file.ContentType, file.Size, file.StorageKey, Now = now }, cancellationToken: ct));
    }

    /// <summary>The uploads among <paramref name="ids"/> that <paramref name="userId"/> made: nobody attaches another agent's file.</summary>
    public async Task<IReadOnlyDictionary<long, StoredAttachment>> UploadsOfAsync(DbConnection c, DbTransaction tx, long userId, IReadOnlyList<long> ids, CancellationToken ct) =>
        (await c.QueryAsync<(long Id, string FileName, string ContentType, long Size, string StorageKey)>(new CommandDefinition(
            $"SELECT id, file_name, content_type, size, storage_key FROM uploads WHERE uploaded_by = @UserId AND id {db.Dialect.In("@Ids")}",
            new { UserId = userId, Ids = ids }, tx, cancellationToken: ct)))
        .ToDictionary(u => u.Id, u => new StoredAttachment(u.FileName, u.ContentType, u.Size, u.StorageKey));

    /// <summary>Every storage key a message or an upload refers to.</summary>
    public async Task<HashSet<string>> ReferencedKeysAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var keys = await c.QueryAsync<string>(new CommandDefinition(
            "SELECT storage_key FROM attachments UNION SELECT storage_key FROM uploads", cancellationToken: ct));
        return keys.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Forgets uploads made before <paramref name="cutoff"/> and returns their keys; a reply that took one has
    /// its own attachment row.</summary>
    public async Task<IReadOnlyList<string>> DeleteUploadsBeforeAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<string>(new CommandDefinition(
            "DELETE FROM uploads WHERE created_at < @Cutoff RETURNING storage_key", new { Cutoff = cutoff }, cancellationToken: ct))).ToList();
    }
}

/// <summary>A file as a message row refers to it.</summary>
public sealed record StoredAttachment(string FileName, string ContentType, long Size, string StorageKey);

public sealed record AttachmentFile(string FileName, string ContentType, long Size, string StorageKey, long? TeamId);
