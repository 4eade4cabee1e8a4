using System.Data.Common;
using Dapper;
using Inbox.Contracts;
using Inbox.Server.Data;
using Inbox.Server.Live;

namespace Inbox.Server.Contacts;

/// <summary>The <c>identity_links</c> table: why an identity joined its contact automatically, and whether an agent undid it.</summary>
public sealed class IdentityLinks(IDbConnectionFactory db, ContactStore contacts, Conversations.ConversationStore conversations, ConversationEventStore events)
{
    /// <summary>The contact's links, oldest first, when the viewer may see the contact.</summary>
    public async Task<Api.Outcome<IReadOnlyList<IdentityLinkDto>>> ListAsync(Agents.Viewer viewer, long contactId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        if (!await contacts.ExistsAsync(c, null, contactId, ct) || !viewer.CanSee(await contacts.TeamOfContactAsync(c, null, contactId, ct)))
            return Api.Outcome<IReadOnlyList<IdentityLinkDto>>.NotFound("Contact");
        return Api.Outcome<IReadOnlyList<IdentityLinkDto>>.Ok(await ListAsync(c, contactId, ct));
    }

    /// <summary>Records the link and tells the contact's thread (an event agents see, pushed after the commit via <paramref name="live"/>).</summary>
    public async Task LinkAsync(DbConnection c, DbTransaction tx, long contactId, long identityId, IdentityKind kind, string reason, long? channelId,
        DateTimeOffset now, List<LiveEvent> live, CancellationToken ct)
    {
        await RecordAsync(c, tx, contactId, identityId, reason, channelId, now, ct);
        if (await conversations.FindByContactAsync(c, tx, contactId, ct) is not { } thread) return;
        var dto = await conversations.GetDtoAsync(c, tx, thread.Id, ct);
        live.Add(await events.AppendAsync(c, tx, EventTypes.IdentityLinked, new ConversationAudience(thread.Id, thread.TeamId, thread.AssigneeId), null,
            new IdentityLinkedData(identityId, kind, reason, channelId), dto!, now, ct));
    }

    public async Task<long> RecordAsync(DbConnection c, DbTransaction tx, long contactId, long identityId, string reason, long? channelId, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO identity_links (contact_id, identity_id, reason, channel_id, created_at)
            VALUES (@ContactId, @IdentityId, @Reason, @ChannelId, @Now)
            RETURNING id
            """, new { ContactId = contactId, IdentityId = identityId, Reason = reason, ChannelId = channelId, Now = now }, tx, cancellationToken: ct));

    public async Task<IReadOnlyList<IdentityLinkDto>> ListAsync(DbConnection c, long contactId, CancellationToken ct)
    {
        var rows = await c.QueryAsync<Row>(new CommandDefinition("""
            SELECT l.id, l.identity_id, i.kind, i.address, l.reason, l.channel_id, l.created_at, l.undone_at
            FROM identity_links l JOIN contact_identities i ON i.id = l.identity_id
            WHERE l.contact_id = @ContactId
            ORDER BY l.id
            """, new { ContactId = contactId }, cancellationToken: ct));
        return rows.Select(r => new IdentityLinkDto(r.Id, r.IdentityId, DbEnum.Parse<IdentityKind>(r.Kind), r.Address, r.Reason, r.ChannelId, r.CreatedAt, r.UndoneAt)).ToList();
    }

    /// <summary>The identity's live links on <paramref name="contactId"/> are undone; the link records stay, for the audit.</summary>
    public async Task UndoAsync(DbConnection c, DbTransaction tx, long contactId, long identityId, long? by, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE identity_links SET undone_at = @Now, undone_by = @By
            WHERE contact_id = @ContactId AND identity_id = @IdentityId AND undone_at IS NULL
            """, new { ContactId = contactId, IdentityId = identityId, By = by, Now = now }, tx, cancellationToken: ct));

    /// <summary>Links follow their contact into a merge (the source contact is deleted afterwards).</summary>
    public static async Task MoveToContactAsync(DbConnection c, DbTransaction tx, long sourceId, long targetId, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("UPDATE identity_links SET contact_id = @TargetId WHERE contact_id = @SourceId",
            new { SourceId = sourceId, TargetId = targetId }, tx, cancellationToken: ct));

    private sealed class Row
    {
        public long Id { get; set; }
        public long IdentityId { get; set; }
        public string Kind { get; set; } = "";
        public string Address { get; set; } = "";
        public string Reason { get; set; } = "";
        public long? ChannelId { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? UndoneAt { get; set; }
    }
}

/// <summary><see cref="EventTypes.IdentityLinked"/>.</summary>
public sealed record IdentityLinkedData(long IdentityId, IdentityKind Kind, string Reason, long? ChannelId) : EventData;

/// <summary><see cref="EventTypes.IdentitySplit"/>.</summary>
public sealed record IdentitySplitData(long IdentityId, long NewContactId, long? NewConversationId, int Messages) : EventData;
