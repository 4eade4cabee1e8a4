using System.IO.Compression;
using System.Text.Json;
using Dapper;
using Inbox.Server.Data;
using Inbox.Server.Files;

namespace Inbox.Server.Contacts;

/// <summary>
/// The right of access: everything stored about a contact as one zip: <c>contact.json</c> (the contact, its identities,
/// its conversation, every message with its attachments' names, every event, every reservation made for them) and
/// each attachment's bytes under <c>files/</c>. Orders are not included: they are the shop's records, kept in its own
/// system (or the imported catalogue) and answered for there.
/// </summary>
public sealed class ContactExport(IDbConnectionFactory db, IFileStore files)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes the zip to <paramref name="output"/>; false when there is no such contact.</summary>
    public async Task<bool> WriteAsync(long contactId, Stream output, CancellationToken ct)
    {
        ExportedContact export;
        List<(long Id, string FileName, string StorageKey)> attachments;
        await using (var c = await db.OpenAsync(ct))
        {
            var p = new { Id = contactId };
            var contact = await c.QuerySingleOrDefaultAsync<dynamic>(new CommandDefinition(
                "SELECT id, name, email, phone, notes, created_at, updated_at FROM contacts WHERE id = @Id", p, cancellationToken: ct));
            if (contact is null) return false;
            var identities = await c.QueryAsync<dynamic>(new CommandDefinition(
                "SELECT id, kind, address, display_name, last_channel_id, last_seen_at, created_at FROM contact_identities WHERE contact_id = @Id ORDER BY id", p, cancellationToken: ct));
            var conversation = await c.QuerySingleOrDefaultAsync<dynamic>(new CommandDefinition(
                "SELECT id, status, created_at, last_activity_at FROM conversations WHERE contact_id = @Id", p, cancellationToken: ct));
            var messages = await c.QueryAsync<dynamic>(new CommandDefinition("""
                SELECT m.id, m.direction, m.channel_id, m.text, m.is_private, m.status, m.error, m.created_at, m.sent_at
                FROM messages m JOIN conversations k ON k.id = m.conversation_id WHERE k.contact_id = @Id ORDER BY m.id
                """, p, cancellationToken: ct));
            attachments = (await c.QueryAsync<(long Id, string FileName, string StorageKey)>(new CommandDefinition("""
                SELECT a.id, a.file_name, a.storage_key FROM attachments a
                JOIN messages m ON m.id = a.message_id JOIN conversations k ON k.id = m.conversation_id
                WHERE k.contact_id = @Id ORDER BY a.id
                """, p, cancellationToken: ct))).ToList();
            var events = await c.QueryAsync<dynamic>(new CommandDefinition("""
                SELECT e.id, e.type, e.message_id, e.data, e.created_at
                FROM conversation_events e JOIN conversations k ON k.id = e.conversation_id WHERE k.contact_id = @Id ORDER BY e.id
                """, p, cancellationToken: ct));
            var reservations = await c.QueryAsync<dynamic>(new CommandDefinition("""
                SELECT r.id, p.sku, p.name AS product, l.name AS location, r.quantity, r.status, r.expires_at, r.created_at, r.closed_at
                FROM commerce_reservations r
                JOIN commerce_products p ON p.id = r.product_id JOIN commerce_locations l ON l.id = r.location_id
                WHERE r.contact_id = @Id ORDER BY r.id
                """, p, cancellationToken: ct));
            export = new ExportedContact(DateTimeOffset.UtcNow, Row(contact), identities.Select(Row).ToList(), conversation is null ? null : Row(conversation),
                messages.Select(Row).ToList(), attachments.Select(a => new ExportedFile(a.Id, FileEntry(a.Id, a.FileName))).ToList(), events.Select(Row).ToList(),
                reservations.Select(Row).ToList());
        }

        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        await using (var entry = await zip.CreateEntry("contact.json", CompressionLevel.Optimal).OpenAsync(ct))
            await JsonSerializer.SerializeAsync(entry, export, Json, ct);
        foreach (var (id, fileName, key) in attachments)
        {
            await using var bytes = await files.OpenAsync(key, ct);
            if (bytes is null) continue;
            await using var entry = await zip.CreateEntry(FileEntry(id, fileName), CompressionLevel.Fastest).OpenAsync(ct);
            await bytes.CopyToAsync(entry, ct);
        }
        return true;
    }

    private static string FileEntry(long id, string fileName) => $"files/{id}-{FileNames.Clean(fileName)}";

    /// <summary>A row as column → value, in the database's own names (what an export reader expects to see).</summary>
    private static IReadOnlyDictionary<string, object?> Row(dynamic row) =>
        ((IDictionary<string, object?>)row).ToDictionary(kv => kv.Key, kv => kv.Value);

    private sealed record ExportedContact(
        DateTimeOffset ExportedAt,
        IReadOnlyDictionary<string, object?> Contact,
        IReadOnlyList<IReadOnlyDictionary<string, object?>> Identities,
        IReadOnlyDictionary<string, object?>? Conversation,
        IReadOnlyList<IReadOnlyDictionary<string, object?>> Messages,
        IReadOnlyList<ExportedFile> Files,
        IReadOnlyList<IReadOnlyDictionary<string, object?>> Events,
        IReadOnlyList<IReadOnlyDictionary<string, object?>> Reservations);

    private sealed record ExportedFile(long AttachmentId, string Path);
}
