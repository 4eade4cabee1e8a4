using System.Data.Common;
using System.Globalization;
using Inbox.Contracts;
using Inbox.Server.Conversations;

namespace Inbox.Server.Messaging;

/// <summary>
/// Everything the inbound writer needs about a known sender in one read: the identity, its contact's summary,
/// the contact's conversation and its assignee's name. One statement instead of four on the hottest path.
/// </summary>
public sealed class InboundTarget
{
    /// <summary>What <see cref="Read"/> reads, by position, from both lookups (k: the contact, c: its conversation, i: the
    /// sender's identity, u: the assignee).</summary>
    private const string Columns = $"""
        i.id AS identity_id, k.id AS contact_id, k.name AS contact_name, k.email AS contact_email, k.phone AS contact_phone,
               c.id AS conversation_id, c.status, c.assignee_id, u.display_name AS assignee_name, c.team_id, c.snoozed_until,
               c.last_activity_at, COALESCE(c.unread_count, 0) AS unread_count, c.last_inbound_identity_id, c.last_channel_id,
               c.last_message_preview, c.created_at,
               i.display_name AS identity_display_name, i.last_channel_id AS identity_channel_id, i.last_seen_at AS identity_seen_at,
               c.subject,
               i.unreachable_at AS identity_unreachable_at,
               COALESCE(c.priority, 0) AS priority, {ConversationStore.LabelIdsColumn} AS label_ids
        """;

    /// <summary>Parameters @Kind, @Address; read with <see cref="Read"/> (columns by position). Prepared by the writer.</summary>
    internal const string Sql = $"""
        SELECT {Columns}
        FROM contact_identities i
        JOIN contacts k ON k.id = i.contact_id
        LEFT JOIN conversations c ON c.contact_id = i.contact_id
        LEFT JOIN users u ON u.id = c.assignee_id
        WHERE i.kind = @Kind AND i.address = @Address
        """;

    /// <summary>The same columns for a message that names its thread (email headers): the conversation <c>@ConversationId</c>
    /// and its contact, with the sender's identity (@Kind, @Address), which the writer has made sure exists.</summary>
    internal const string ByConversationSql = $"""
        SELECT {Columns}
        FROM conversations c
        JOIN contacts k ON k.id = c.contact_id
        JOIN contact_identities i ON i.kind = @Kind AND i.address = @Address
        LEFT JOIN users u ON u.id = c.assignee_id
        WHERE c.id = @ConversationId
        """;

    internal const string LockConversationSql = "SELECT id FROM conversations WHERE id = @ConversationId FOR UPDATE";

    /// <summary>Where rows are not serialised by the database (PostgreSQL), the writer first locks the conversation it is
    /// about to update, so an agent's concurrent read or status change on another connection is never lost.</summary>
    internal const string LockSql = """
        SELECT c.id FROM conversations c
        WHERE c.contact_id = (SELECT i.contact_id FROM contact_identities i WHERE i.kind = @Kind AND i.address = @Address)
        FOR UPDATE
        """;

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

    /// <summary>The identity as stored: lets the writer skip touching it when nothing would change.</summary>
    public string? IdentityDisplayName { get; set; }
    public long? IdentityChannelId { get; set; }
    public DateTimeOffset? IdentitySeenAt { get; set; }

    public string? Subject { get; set; }

    /// <summary>A reply to this address failed as unreachable: the customer writing again clears it.</summary>
    public bool IdentityUnreachable { get; set; }

    public int Priority { get; set; }
    public IReadOnlyList<long> LabelIds { get; set; } = [];

    public ContactSummaryDto Contact => new(ContactId, ContactName, ContactEmail, ContactPhone);

    public Conversation? Conversation => ConversationId is not { } id ? null : Conversation.Load(new ConversationRow
    {
        Id = id, ContactId = ContactId, Status = Status!, AssigneeId = AssigneeId, TeamId = TeamId, SnoozedUntil = SnoozedUntil,
        LastActivityAt = LastActivityAt!.Value, UnreadCount = UnreadCount, LastInboundIdentityId = LastInboundIdentityId,
        LastChannelId = LastChannelId, LastMessagePreview = LastMessagePreview, CreatedAt = CreatedAt!.Value, Priority = Priority,
    });

    /// <summary>The row <see cref="Sql"/> returned, or null when the address is unknown.</summary>
    public static InboundTarget? Read(DbDataReader r)
    {
        if (!r.Read()) return null;
        return new InboundTarget
        {
            IdentityId = r.GetInt64(0), ContactId = r.GetInt64(1), ContactName = Text(r, 2), ContactEmail = Text(r, 3), ContactPhone = Text(r, 4),
            ConversationId = Int(r, 5), Status = Text(r, 6), AssigneeId = Int(r, 7), AssigneeName = Text(r, 8), TeamId = Int(r, 9),
            SnoozedUntil = Time(r, 10), LastActivityAt = Time(r, 11), UnreadCount = r.GetInt32(12), LastInboundIdentityId = Int(r, 13),
            LastChannelId = Int(r, 14), LastMessagePreview = Text(r, 15), CreatedAt = Time(r, 16),
            IdentityDisplayName = Text(r, 17), IdentityChannelId = Int(r, 18), IdentitySeenAt = Time(r, 19), Subject = Text(r, 20),
            IdentityUnreachable = !r.IsDBNull(21), Priority = r.GetInt32(22), LabelIds = ConversationStore.ParseLabelIds(Text(r, 23)),
        };
    }

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static long? Int(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    // Same reading as Dapper's handler (DapperSetup): SQLite's UTC text (offset assumed UTC when missing) or PostgreSQL's timestamptz.
    private static DateTimeOffset? Time(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetValue(i) switch
    {
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        DateTimeOffset at => at,
        var text => DateTimeOffset.Parse((string)text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
    };
}
