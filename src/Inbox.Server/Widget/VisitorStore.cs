using Dapper;
using Inbox.Contracts;
using Inbox.Server.Data;
using Inbox.Server.Files;

namespace Inbox.Server.Widget;

/// <summary>A browser that opened a channel's widget. Its messages come from the identity (webVisitor, <see cref="Id"/>).</summary>
public sealed class Visitor
{
    public string Id { get; set; } = "";
    public long ChannelId { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? VerifiedId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }

    public WidgetUserDto? User => Name is null && Email is null && VerifiedId is null ? null : new(Name, Email, VerifiedId is not null);
}

/// <summary>Where a visitor's messages land: the conversation of the contact that owns its identity, if it wrote yet.</summary>
public sealed record VisitorThread(long ContactId, long? ConversationId, long? TeamId, long? AssigneeId);

public sealed class VisitorStore(IDbConnectionFactory db, AttachmentStore attachments)
{
    private const string Columns = "id, channel_id, name, email, verified_id, created_at, last_seen_at";
    private static readonly string WebVisitor = IdentityKind.WebVisitor.ToDb();

    public async Task CreateAsync(Visitor visitor, string tokenHash, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO widget_visitors (id, channel_id, token_hash, created_at, last_seen_at) VALUES (@Id, @ChannelId, @TokenHash, @CreatedAt, @CreatedAt)
            """, new { visitor.Id, visitor.ChannelId, TokenHash = tokenHash, visitor.CreatedAt }, cancellationToken: ct));
    }

    public async Task<Visitor?> FindByTokenAsync(long channelId, string tokenHash, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<Visitor>(new CommandDefinition(
            $"SELECT {Columns} FROM widget_visitors WHERE token_hash = @TokenHash AND channel_id = @ChannelId",
            new { TokenHash = tokenHash, ChannelId = channelId }, cancellationToken: ct));
    }

    public async Task<Visitor?> GetAsync(string id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<Visitor>(new CommandDefinition(
            $"SELECT {Columns} FROM widget_visitors WHERE id = @Id", new { Id = id }, cancellationToken: ct));
    }

    /// <summary>Written at most hourly (a resumed session), like console sessions.</summary>
    public async Task TouchAsync(string id, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("UPDATE widget_visitors SET last_seen_at = @Now WHERE id = @Id", new { Id = id, Now = now }, cancellationToken: ct));
    }

    public async Task SetUserAsync(string id, string? name, string? email, string? verifiedId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE widget_visitors SET name = COALESCE(@Name, name), email = COALESCE(@Email, email), verified_id = COALESCE(@VerifiedId, verified_id)
            WHERE id = @Id
            """, new { Id = id, Name = name, Email = email, VerifiedId = verifiedId }, cancellationToken: ct));
    }

    /// <summary>Reset: the token stops working; the visitor's identity and messages stay with its contact.</summary>
    public async Task ForgetAsync(string id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM widget_visitors WHERE id = @Id", new { Id = id }, cancellationToken: ct));
    }

    public async Task<VisitorThread?> ThreadAsync(string visitorId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<VisitorThread>(new CommandDefinition("""
            SELECT ci.contact_id, c.id AS conversation_id, c.team_id, c.assignee_id
            FROM contact_identities ci LEFT JOIN conversations c ON c.contact_id = ci.contact_id
            WHERE ci.kind = @Kind AND ci.address = @Address
            """, new { Kind = WebVisitor, Address = visitorId }, cancellationToken: ct));
    }

    /// <summary>The visitors of a contact on one channel (site): every browser there that should see its replies.</summary>
    public async Task<IReadOnlyList<string>> VisitorsOfContactAsync(long contactId, long channelId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<string>(new CommandDefinition("""
            SELECT ci.address FROM contact_identities ci JOIN widget_visitors v ON v.id = ci.address
            WHERE ci.contact_id = @ContactId AND ci.kind = @Kind AND v.channel_id = @ChannelId
            """, new { ContactId = contactId, Kind = WebVisitor, ChannelId = channelId }, cancellationToken: ct))).AsList();
    }

    public async Task<IReadOnlyList<string>> VisitorsOfConversationAsync(long conversationId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<string>(new CommandDefinition("""
            SELECT ci.address FROM conversations c JOIN contact_identities ci ON ci.contact_id = c.contact_id
            WHERE c.id = @ConversationId AND ci.kind = @Kind
            """, new { ConversationId = conversationId, Kind = WebVisitor }, cancellationToken: ct))).AsList();
    }

    /// <summary>What the visitor may read: its contact's thread without private notes (nor the email copies of replies it has), oldest first, after <paramref name="afterId"/>
    /// (the newest <paramref name="limit"/>). A visitor without a contact has no history.</summary>
    public async Task<IReadOnlyList<WidgetMessageDto>> HistoryAsync(string visitorId, long afterId, int limit, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<HistoryRow>(new CommandDefinition("""
            SELECT m.id, m.direction, m.text, u.display_name AS agent_name, m.created_at
            FROM contact_identities ci
            JOIN conversations c ON c.contact_id = ci.contact_id
            JOIN messages m ON m.conversation_id = c.id
            LEFT JOIN users u ON u.id = m.author_id
            WHERE ci.kind = @Kind AND ci.address = @Address AND m.is_private = FALSE AND m.copy_of IS NULL AND m.id > @AfterId
            ORDER BY m.id DESC
            LIMIT @Limit
            """, new { Kind = WebVisitor, Address = visitorId, AfterId = afterId, Limit = limit }, cancellationToken: ct));
        var page = rows.Reverse().ToList();
        var files = await attachments.OfMessagesAsync(c, null, page.Select(r => r.Id).ToList(), ct);
        return page.Select(r => r.ToDto() with { Attachments = files[r.Id].ToList() }).ToList();
    }

    /// <summary>A file the visitor may download: attached to a message of its own thread that it can read (see <see cref="HistoryAsync"/>).</summary>
    public async Task<StoredAttachment?> AttachmentAsync(string visitorId, long attachmentId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<StoredAttachment>(new CommandDefinition("""
            SELECT a.file_name, a.content_type, a.size, a.storage_key
            FROM contact_identities ci
            JOIN conversations c ON c.contact_id = ci.contact_id
            JOIN messages m ON m.conversation_id = c.id
            JOIN attachments a ON a.message_id = m.id
            WHERE ci.kind = @Kind AND ci.address = @Address AND a.id = @Id AND m.is_private = FALSE AND m.copy_of IS NULL
            """, new { Kind = WebVisitor, Address = visitorId, Id = attachmentId }, cancellationToken: ct));
    }

    /// <summary>Is this agent message in the visitor's thread? (A visitor acknowledges only its own messages.)</summary>
    public async Task<long?> OutboundChannelOfAsync(string visitorId, long messageId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<long?>(new CommandDefinition("""
            SELECT m.channel_id
            FROM contact_identities ci
            JOIN conversations c ON c.contact_id = ci.contact_id
            JOIN messages m ON m.conversation_id = c.id
            WHERE ci.kind = @Kind AND ci.address = @Address AND m.id = @MessageId AND m.direction = @Outbound AND m.is_private = FALSE
            """, new { Kind = WebVisitor, Address = visitorId, MessageId = messageId, Outbound = MessageDirection.Outbound.ToDb() }, cancellationToken: ct));
    }

    private sealed class HistoryRow
    {
        public long Id { get; set; }
        public string Direction { get; set; } = "";
        public string Text { get; set; } = "";
        public string? AgentName { get; set; }
        public DateTimeOffset CreatedAt { get; set; }

        public WidgetMessageDto ToDto()
        {
            var inbound = DbEnum.Parse<MessageDirection>(Direction) == MessageDirection.Inbound;
            return new(Id, inbound ? WidgetAuthor.Visitor : WidgetAuthor.Agent, Text, inbound ? null : AgentName, CreatedAt);
        }
    }
}
