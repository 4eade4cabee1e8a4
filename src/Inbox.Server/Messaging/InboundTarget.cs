using System.Data.Common;
using Dapper;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Server.Conversations;
using Inbox.Server.Data;

namespace Inbox.Server.Messaging;

/// <summary>
/// Everything the inbound writer needs about a known sender in one read: the identity, its contact's summary,
/// the contact's conversation and its assignee's name. One statement instead of four on the hottest path.
/// </summary>
public sealed class InboundTarget
{
    public long IdentityId { get; set; }
    public long ContactId { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
    public long? ConversationId { get; set; }
    public string? Status { get; set; }
    public long? AssigneeId { get; set; }
    public string? AssigneeName { get; set; }
    public long? TeamId { get; set; }
    public DateTimeOffset? SnoozedUntil { get; set; }
    public DateTimeOffset? LastActivityAt { get; set; }
    public int UnreadCount { get; set; }
    public long? LastInboundIdentityId { get; set; }
    public long? LastChannelId { get; set; }
    public string? LastMessagePreview { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }

    public ContactSummaryDto Contact => new(ContactId, ContactName, ContactEmail, ContactPhone);

    public Conversation? Conversation => ConversationId is not { } id ? null : Conversation.Load(new ConversationRow
    {
        Id = id, ContactId = ContactId, Status = Status!, AssigneeId = AssigneeId, TeamId = TeamId, SnoozedUntil = SnoozedUntil,
        LastActivityAt = LastActivityAt!.Value, UnreadCount = UnreadCount, LastInboundIdentityId = LastInboundIdentityId,
        LastChannelId = LastChannelId, LastMessagePreview = LastMessagePreview, CreatedAt = CreatedAt!.Value,
    });

    public static async Task<InboundTarget?> FindAsync(DbConnection c, DbTransaction tx, ChannelAddress address, CancellationToken ct) =>
        await c.QuerySingleOrDefaultAsync<InboundTarget>(new CommandDefinition("""
            SELECT i.id AS identity_id, i.contact_id, k.name AS contact_name, k.email AS contact_email, k.phone AS contact_phone,
                   c.id AS conversation_id, c.status, c.assignee_id, u.display_name AS assignee_name, c.team_id, c.snoozed_until,
                   c.last_activity_at, COALESCE(c.unread_count, 0) AS unread_count, c.last_inbound_identity_id, c.last_channel_id,
                   c.last_message_preview, c.created_at
            FROM contact_identities i
            JOIN contacts k ON k.id = i.contact_id
            LEFT JOIN conversations c ON c.contact_id = i.contact_id
            LEFT JOIN users u ON u.id = c.assignee_id
            WHERE i.kind = @Kind AND i.address = @Address
            """, new { Kind = address.Kind.ToDb(), Address = address.Value }, tx, cancellationToken: ct));
}
