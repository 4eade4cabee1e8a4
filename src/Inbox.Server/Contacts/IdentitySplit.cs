using System.Data.Common;
using Dapper;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;
using Inbox.Server.Conversations;
using Inbox.Server.Data;
using Inbox.Server.Live;

namespace Inbox.Server.Contacts;

/// <summary>
/// Undoing a wrong link: the identity leaves the contact for a new contact of its own, taking the messages it sent and the
/// replies sent to it into a new thread. Its link records are marked undone (kept, for the audit), and both threads get
/// an event saying what moved.
/// </summary>
public sealed partial class IdentitySplit(IDbConnectionFactory db, ContactStore contacts, ConversationStore conversations, ConversationEventStore events,
    IdentityLinks links, IInboxNotifier notifier, TimeProvider time, ILogger<IdentitySplit> logger)
{
    public async Task<Outcome<SplitDto>> SplitAsync(Viewer viewer, long contactId, long identityId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var live = new List<LiveEvent>();
        SplitDto result;
        await using (var c = await db.OpenAsync(ct))
        await using (var tx = await c.BeginTransactionAsync(ct))
        {
            if (!await contacts.ExistsAsync(c, tx, contactId, ct) || !viewer.CanSee(await contacts.TeamOfContactAsync(c, tx, contactId, ct)))
                return Outcome<SplitDto>.NotFound("Contact");
            var identity = await contacts.GetIdentityAsync(c, tx, identityId, ct);
            var owner = identity is null ? null : await c.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT contact_id FROM contact_identities WHERE id = @Id", new { Id = identityId }, tx, cancellationToken: ct));
            if (identity is null || owner != contactId) return Outcome<SplitDto>.NotFound("Identity");
            if (await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM contact_identities WHERE contact_id = @Id",
                    new { Id = contactId }, tx, cancellationToken: ct)) < 2)
                return Outcome<SplitDto>.Invalid("identityId", "This is the contact's only identity: there is nothing to split it from.");

            var newContactId = await contacts.SplitIdentityAsync(c, tx, contactId, identityId, now, ct);
            await links.UndoAsync(c, tx, contactId, identityId, viewer.UserId, now, ct);

            var moved = 0;
            long? newConversationId = null;
            if (await conversations.FindByContactAsync(c, tx, contactId, ct) is { } thread)
            {
                var fresh = Conversation.Start(newContactId, now);
                await conversations.InsertAsync(c, tx, fresh, ct);
                moved = await c.ExecuteAsync(new CommandDefinition("""
                    UPDATE messages SET conversation_id = @To WHERE conversation_id = @From AND identity_id = @IdentityId
                    """, new { From = thread.Id, To = fresh.Id, IdentityId = identityId }, tx, cancellationToken: ct));
                if (moved == 0) await conversations.DeleteAsync(c, tx, fresh.Id, ct);
                else
                {
                    newConversationId = fresh.Id;
                    // The moved messages' own events go with them; the thread's history (status, assignment) stays.
                    await c.ExecuteAsync(new CommandDefinition("""
                        UPDATE conversation_events SET conversation_id = @To
                        WHERE conversation_id = @From AND message_id IN (SELECT id FROM messages WHERE conversation_id = @To)
                        """, new { From = thread.Id, To = fresh.Id }, tx, cancellationToken: ct));
                    fresh.Resummarize(await SummaryAsync(c, tx, fresh.Id, ct));
                    await conversations.SaveAsync(c, tx, fresh, now, ct);
                    thread.Resummarize(await SummaryAsync(c, tx, thread.Id, ct));
                    await conversations.SaveAsync(c, tx, thread, now, ct);
                    var freshDto = await conversations.GetDtoAsync(c, tx, fresh.Id, ct);
                    live.Add(await events.AppendAsync(c, tx, EventTypes.IdentitySplit, new ConversationAudience(fresh.Id, fresh.TeamId, fresh.AssigneeId), viewer.UserId,
                        new IdentitySplitData(identityId, newContactId, fresh.Id, moved), freshDto!, now, ct));
                }
                var threadDto = await conversations.GetDtoAsync(c, tx, thread.Id, ct);
                live.Add(await events.AppendAsync(c, tx, EventTypes.IdentitySplit, new ConversationAudience(thread.Id, thread.TeamId, thread.AssigneeId), viewer.UserId,
                    new IdentitySplitData(identityId, newContactId, newConversationId, moved), threadDto!, now, ct));
            }
            result = new SplitDto((await contacts.GetAsync(c, tx, newContactId, ct))!, newConversationId, moved);
            await tx.CommitAsync(ct);
            LogSplit(identityId, contactId, result.Contact.Id, moved);
        }
        if (live.Count > 0) await notifier.PublishAsync(live, ct);
        return Outcome<SplitDto>.Ok(result);
    }

    private static async Task<ThreadSummary> SummaryAsync(DbConnection c, DbTransaction tx, long conversationId, CancellationToken ct)
    {
        var last = await c.QueryFirstOrDefaultAsync<LastRow>(new CommandDefinition("""
            SELECT created_at, text FROM messages WHERE conversation_id = @Id AND is_private = FALSE ORDER BY id DESC LIMIT 1
            """, new { Id = conversationId }, tx, cancellationToken: ct));
        var inbound = await c.QueryFirstOrDefaultAsync<InboundRow>(new CommandDefinition("""
            SELECT identity_id, channel_id FROM messages WHERE conversation_id = @Id AND direction = 'inbound' ORDER BY id DESC LIMIT 1
            """, new { Id = conversationId }, tx, cancellationToken: ct));
        return new ThreadSummary(last?.CreatedAt, last?.Text, inbound?.IdentityId, inbound?.ChannelId);
    }

    private sealed class LastRow
    {
        public DateTimeOffset CreatedAt { get; set; }
        public string Text { get; set; } = "";
    }

    private sealed class InboundRow
    {
        public long? IdentityId { get; set; }
        public long? ChannelId { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Identity {IdentityId} split off contact {ContactId} into contact {NewContactId} with {Messages} messages")]
    private partial void LogSplit(long identityId, long contactId, long newContactId, int messages);
}
