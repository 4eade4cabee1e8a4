using System.Data.Common;
using Dapper;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;
using Inbox.Server.Data;
using Inbox.Server.Files;
using Inbox.Server.Live;

namespace Inbox.Server.Contacts;

/// <summary>
/// The right to erasure: a contact and everything about them (identities, their links and hand-off codes, the thread,
/// its messages, attachments and their files, events, labels, mentions, pending replies; reservations lose the name) go
/// in one transaction; what remains is an audit row with ids and counts only. Retention uses the same path for one resolved conversation. Files are shared by content, so a file goes only when no
/// other row names it (and nothing has put the same bytes since the erasure began).
/// </summary>
public sealed partial class PersonalDataErasure(
    IDbConnectionFactory db, IFileStore files, IInboxNotifier notifier, TimeProvider time, ILogger<PersonalDataErasure> logger)
{
    public const string ContactErased = "contact.erased";
    public const string ConversationErased = "conversation.erased";

    public async Task<Outcome<ErasedDto>> EraseContactAsync(Viewer admin, long contactId, CancellationToken ct)
    {
        var started = time.GetUtcNow();
        ErasedDto erased;
        IReadOnlyList<string> keys;
        LiveEvent? removed = null;
        await using (var c = await db.OpenAsync(ct))
        await using (var tx = await c.BeginTransactionAsync(ct))
        {
            if (await c.ExecuteScalarAsync<long?>(new CommandDefinition($"SELECT id FROM contacts WHERE id = @Id {db.Dialect.LockForUpdate}", new { Id = contactId }, tx, cancellationToken: ct)) is null)
                return Outcome<ErasedDto>.NotFound("Contact");
            var conversation = await c.QuerySingleOrDefaultAsync<(long Id, long? TeamId, long? AssigneeId)?>(new CommandDefinition(
                $"SELECT id, team_id, assignee_id FROM conversations WHERE contact_id = @Id {db.Dialect.LockForUpdate}", new { Id = contactId }, tx, cancellationToken: ct));
            var thread = conversation is { } k ? await EraseThreadAsync(c, tx, k.Id, ct) : new ThreadErased(0, []);
            // A website visitor's browser session (its name and email) goes with the visitor identity it belongs to, and so do
            // the addresses it asked to verify and those the contact verified.
            await c.ExecuteAsync(new CommandDefinition("""
                DELETE FROM email_verifications
                WHERE visitor_id IN (SELECT address FROM contact_identities WHERE contact_id = @Id AND kind = @Kind)
                   OR identity_id IN (SELECT id FROM contact_identities WHERE contact_id = @Id)
                """, new { Id = contactId, Kind = IdentityKind.WebVisitor.ToDb() }, tx, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition(
                "DELETE FROM widget_visitors WHERE id IN (SELECT address FROM contact_identities WHERE contact_id = @Id AND kind = @Kind)",
                new { Id = contactId, Kind = IdentityKind.WebVisitor.ToDb() }, tx, cancellationToken: ct));
            // Reservations stay as the branch's stock records (product, branch, quantity, times) with nobody named on them:
            // a held unit stays set aside until staff close it or it expires.
            foreach (var sql in new[]
            {
                "UPDATE commerce_reservations SET contact_id = NULL, conversation_id = NULL WHERE contact_id = @Id",
                "DELETE FROM handoff_codes WHERE contact_id = @Id",
                "DELETE FROM identity_links WHERE contact_id = @Id",
            })
                await c.ExecuteAsync(new CommandDefinition(sql, new { Id = contactId }, tx, cancellationToken: ct));
            var identities = await c.ExecuteAsync(new CommandDefinition("DELETE FROM contact_identities WHERE contact_id = @Id", new { Id = contactId }, tx, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition("DELETE FROM contacts WHERE id = @Id", new { Id = contactId }, tx, cancellationToken: ct));
            erased = new ErasedDto(contactId, conversation?.Id, thread.Messages, identities, thread.Keys.Count);
            await AuditAsync(c, tx, admin.UserId, ContactErased, contactId, erased, started, ct);
            if (conversation is { } gone)
                removed = new LiveEvent(0, EventTypes.ConversationRemoved, new ConversationAudience(gone.Id, gone.TeamId, gone.AssigneeId), new ConversationRemovedDto(gone.Id, null));
            keys = thread.Keys;
            await tx.CommitAsync(ct);
        }
        await DeleteUnreferencedAsync(keys, started, ct);
        if (removed is not null) await notifier.PublishAsync([removed], ct);
        LogErased(contactId, erased.Messages, erased.Files);
        return Outcome<ErasedDto>.Ok(erased);
    }

    /// <summary>Erases one conversation (retention): its messages, files and events; the contact and identities stay.</summary>
    public async Task<bool> EraseConversationAsync(long conversationId, string reason, CancellationToken ct)
    {
        var started = time.GetUtcNow();
        ThreadErased thread;
        await using (var c = await db.OpenAsync(ct))
        await using (var tx = await c.BeginTransactionAsync(ct))
        {
            var audience = await c.QuerySingleOrDefaultAsync<(long Id, long? TeamId, long? AssigneeId)?>(new CommandDefinition(
                $"SELECT id, team_id, assignee_id FROM conversations WHERE id = @Id {db.Dialect.LockForUpdate}", new { Id = conversationId }, tx, cancellationToken: ct));
            if (audience is null) return false;
            thread = await EraseThreadAsync(c, tx, conversationId, ct);
            await AuditAsync(c, tx, null, ConversationErased, conversationId, new { reason, messages = thread.Messages, files = thread.Keys.Count }, started, ct);
            await tx.CommitAsync(ct);
        }
        await DeleteUnreferencedAsync(thread.Keys, started, ct);
        return true;
    }

    private async Task<ThreadErased> EraseThreadAsync(DbConnection c, DbTransaction tx, long conversationId, CancellationToken ct)
    {
        var p = new { Id = conversationId };
        var keys = (await c.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT a.storage_key FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.conversation_id = @Id", p, tx, cancellationToken: ct))).ToList();
        foreach (var sql in new[]
        {
            "DELETE FROM attachments WHERE message_id IN (SELECT id FROM messages WHERE conversation_id = @Id)",
            "DELETE FROM outbox WHERE message_id IN (SELECT id FROM messages WHERE conversation_id = @Id)",
            "DELETE FROM message_thread_keys WHERE message_id IN (SELECT id FROM messages WHERE conversation_id = @Id)",
            "DELETE FROM mentions WHERE message_id IN (SELECT id FROM messages WHERE conversation_id = @Id)",
            "DELETE FROM conversation_labels WHERE conversation_id = @Id",
            "UPDATE commerce_reservations SET conversation_id = NULL WHERE conversation_id = @Id",
            "DELETE FROM conversation_events WHERE conversation_id = @Id",
        })
            await c.ExecuteAsync(new CommandDefinition(sql, p, tx, cancellationToken: ct));
        var messages = await c.ExecuteAsync(new CommandDefinition("DELETE FROM messages WHERE conversation_id = @Id", p, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM conversations WHERE id = @Id", p, tx, cancellationToken: ct));
        return new ThreadErased(messages, keys);
    }

    private static async Task AuditAsync(DbConnection c, DbTransaction tx, long? actorId, string action, long subjectId, object detail, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO audit_log (actor_id, action, subject_id, detail, created_at) VALUES (@ActorId, @Action, @SubjectId, @Detail, @Now)
            """, new { ActorId = actorId, Action = action, SubjectId = subjectId, Detail = System.Text.Json.JsonSerializer.Serialize(detail), Now = now }, tx, cancellationToken: ct));

    private async Task DeleteUnreferencedAsync(IReadOnlyList<string> keys, DateTimeOffset started, CancellationToken ct)
    {
        if (keys.Count == 0) return;
        await using var c = await db.OpenAsync(ct);
        var stillNamed = (await c.QueryAsync<string>(new CommandDefinition(
            $"SELECT storage_key FROM attachments WHERE storage_key {db.Dialect.In("@Keys")} UNION SELECT storage_key FROM uploads WHERE storage_key {db.Dialect.In("@Keys")}",
            new { Keys = keys.ToArray() }, cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
        foreach (var key in keys.Where(k => !stillNamed.Contains(k)))
            await files.DeleteIfUntouchedSinceAsync(key, started, ct);
    }

    private sealed record ThreadErased(int Messages, IReadOnlyList<string> Keys);

    [LoggerMessage(Level = LogLevel.Information, Message = "Erased contact {ContactId}: {Messages} messages, {Files} files")]
    private partial void LogErased(long contactId, int messages, int files);
}
