using System.Data.Common;
using System.Globalization;
using Dapper;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;
using Inbox.Server.Data;

namespace Inbox.Server.Conversations;

/// <summary>Loads and saves the <see cref="Conversation"/> aggregate and reads conversation lists for agents.</summary>
public sealed class ConversationStore(IDbConnectionFactory db)
{
    private const string Columns = """
        id, contact_id, status, assignee_id, team_id, snoozed_until, last_activity_at, unread_count,
        last_inbound_identity_id, last_channel_id, last_message_preview, created_at, priority
        """;

    public async Task<Conversation?> FindByContactAsync(DbConnection c, DbTransaction tx, long contactId, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<ConversationRow>(new CommandDefinition(
            $"SELECT {Columns} FROM conversations WHERE contact_id = @ContactId {db.Dialect.LockForUpdate}", new { ContactId = contactId }, tx, cancellationToken: ct));
        return row is null ? null : Conversation.Load(row);
    }

    public async Task<Conversation?> GetForUpdateAsync(DbConnection c, DbTransaction tx, long id, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<ConversationRow>(new CommandDefinition(
            $"SELECT {Columns} FROM conversations WHERE id = @Id {db.Dialect.LockForUpdate}", new { Id = id }, tx, cancellationToken: ct));
        if (row is null) return null;
        var conversation = Conversation.Load(row);
        conversation.LoadLabels(await c.QueryAsync<long>(new CommandDefinition(
            "SELECT label_id FROM conversation_labels WHERE conversation_id = @Id", new { Id = id }, tx, cancellationToken: ct)));
        return conversation;
    }

    /// <summary>Who may see the conversation of the contact that owns this address (customer typing is pushed to them).</summary>
    public async Task<(long Id, long? TeamId, long? AssigneeId)?> FindByIdentityAsync(IdentityKind kind, string address, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(long Id, long? TeamId, long? AssigneeId)>(new CommandDefinition("""
            SELECT c.id, c.team_id, c.assignee_id FROM contact_identities i JOIN conversations c ON c.contact_id = i.contact_id
            WHERE i.kind = @Kind AND i.address = @Address
            """, new { Kind = kind.ToDb(), Address = address }, cancellationToken: ct));
        return row.Id == 0 ? null : row;
    }

    public async Task<IReadOnlyList<long>> DueToWakeAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM conversations WHERE status = 'snoozed' AND snoozed_until <= @Now ORDER BY snoozed_until LIMIT 500", new { Now = now }, cancellationToken: ct))).ToList();
    }

    public async Task InsertAsync(DbConnection c, DbTransaction tx, Conversation conversation, CancellationToken ct)
    {
        conversation.Id = await c.ExecuteScalarAsync<long>(new CommandDefinition($"""
            INSERT INTO conversations (id, contact_id, status, assignee_id, team_id, snoozed_until, last_activity_at, unread_count,
                last_inbound_identity_id, last_channel_id, last_message_preview, created_at, updated_at)
            VALUES ({StableIds.NextId(db.Dialect, "conversations")}, @ContactId, @Status, @AssigneeId, @TeamId, @SnoozedUntil, @LastActivityAt, @UnreadCount,
                @LastInboundIdentityId, @LastChannelId, @LastMessagePreview, @CreatedAt, @CreatedAt)
            RETURNING id
            """, Parameters(conversation, conversation.CreatedAt), tx, cancellationToken: ct));
    }

    public async Task SaveAsync(DbConnection c, DbTransaction tx, Conversation conversation, DateTimeOffset now, CancellationToken ct)
    {
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE conversations SET contact_id = @ContactId, status = @Status, assignee_id = @AssigneeId, team_id = @TeamId,
                snoozed_until = @SnoozedUntil, last_activity_at = @LastActivityAt, unread_count = @UnreadCount,
                last_inbound_identity_id = @LastInboundIdentityId, last_channel_id = @LastChannelId,
                last_message_preview = @LastMessagePreview, updated_at = @UpdatedAt
            WHERE id = @Id
            """, Parameters(conversation, now), tx, cancellationToken: ct));
        if (conversation.PriorityChanged)
            await c.ExecuteAsync(new CommandDefinition("UPDATE conversations SET priority = @Priority WHERE id = @Id",
                new { conversation.Id, Priority = (int)conversation.Priority }, tx, cancellationToken: ct));
        if (conversation.LabelsChanged)
        {
            await c.ExecuteAsync(new CommandDefinition(
                "DELETE FROM conversation_labels WHERE conversation_id = @Id", new { conversation.Id }, tx, cancellationToken: ct));
            foreach (var label in conversation.LabelIds)
                await c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO conversation_labels (conversation_id, label_id) VALUES (@Id, @LabelId)", new { conversation.Id, LabelId = label }, tx, cancellationToken: ct));
        }
    }

    /// <summary>
    /// What a customer's message changes (<see cref="Conversation.ReceiveInbound"/>), prepared by the inbound writer.
    /// Narrower than <see cref="SaveAsync"/>: SQLite rewrites an index entry for every index whose column is SET,
    /// whether or not its value changed, so leaving out contact_id, assignee_id and team_id skips the unique
    /// contact index on every message.
    /// </summary>
    internal const string RecordInboundSql = """
        UPDATE conversations SET status = @Status, snoozed_until = @SnoozedUntil, last_activity_at = @LastActivityAt,
            unread_count = unread_count + 1, last_inbound_identity_id = @LastInboundIdentityId, last_channel_id = @LastChannelId,
            last_message_preview = @LastMessagePreview, updated_at = @UpdatedAt
        WHERE id = @Id
        """;

    public async Task DeleteAsync(DbConnection c, DbTransaction tx, long id, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM conversations WHERE id = @Id", new { Id = id }, tx, cancellationToken: ct));

    public async Task<ConversationDto?> GetDtoAsync(DbConnection c, DbTransaction? tx, long id, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<ListRow>(new CommandDefinition(
            $"{ListSelect} WHERE c.id = @Id", new { Id = id }, tx, cancellationToken: ct));
        return row?.ToDto();
    }

    public async Task<ConversationDto?> GetDtoAsync(Viewer viewer, long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var dto = await GetDtoAsync(c, null, id, ct);
        return dto is not null && viewer.CanSee(dto.TeamId) ? dto : null;
    }

    /// <summary>Newest activity first (or most urgent first, then newest); keyset paging on (last_activity_at, id),
    /// or (priority, last_activity_at, id).</summary>
    public async Task<ConversationPage> ListAsync(Viewer viewer, ConversationFilter filter, CancellationToken ct)
    {
        var where = new List<string> { Viewer.SqlFilter(db.Dialect) };
        var p = new DynamicParameters(viewer.SqlParameters);
        if (filter.Status is { } status) { where.Add("c.status = @Status"); p.Add("Status", status.ToDb()); }
        switch (filter.Assignee)
        {
            case null or "": break;
            case "me": where.Add("c.assignee_id = @Me"); p.Add("Me", viewer.UserId); break;
            case "unassigned": where.Add("c.assignee_id IS NULL"); break;
            default: where.Add("c.assignee_id = @AssigneeId"); p.Add("AssigneeId", long.Parse(filter.Assignee, CultureInfo.InvariantCulture)); break;
        }
        if (filter.TeamId is { } team) { where.Add("c.team_id = @TeamId"); p.Add("TeamId", team); }
        if (filter.LabelId is { } label)
        {
            where.Add("EXISTS (SELECT 1 FROM conversation_labels l WHERE l.conversation_id = c.id AND l.label_id = @LabelId)");
            p.Add("LabelId", label);
        }
        if (filter.Priority is { } priority)
        {
            where.Add("c.priority = @Priority");
            // Spelled like the partial index's predicate (migration 0026), so both databases may use it for a parameter.
            if (priority != ConversationPriority.None) where.Add(Prioritized);
            p.Add("Priority", (int)priority);
        }
        if (filter.MentionedMe)
        {
            where.Add("EXISTS (SELECT 1 FROM mentions x JOIN messages m ON m.id = x.message_id WHERE m.conversation_id = c.id AND x.user_id = @Mentioned)");
            p.Add("Mentioned", viewer.UserId);
        }
        if (filter.ChannelId is { } channel)
        {
            where.Add("EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.channel_id = @ChannelId)");
            p.Add("ChannelId", channel);
        }
        if (filter.Unread == true) where.Add("c.unread_count > 0");
        if (filter.Unread == false) where.Add("c.unread_count = 0");
        p.Add("Take", filter.Limit + 1);
        await using var c = await db.OpenAsync(ct);
        var rows = filter.ByPriority ? await ListByPriorityAsync(c, where, p, filter, ct)
            : await ListByActivityAsync(c, where, p, Cursor.TryDecode(filter.Cursor, 2, out var after) ? (after[0], after[1]) : null, ct);
        var more = rows.Count > filter.Limit;
        var page = rows.Take(filter.Limit).Select(r => r.ToDto()).ToList();
        string? next = null;
        if (more)
        {
            var last = page[^1];
            var at = last.LastActivityAt.ToString("O", CultureInfo.InvariantCulture);
            var id = last.Id.ToString(CultureInfo.InvariantCulture);
            next = filter.ByPriority ? Cursor.Encode(((int)last.Priority).ToString(CultureInfo.InvariantCulture), at, id) : Cursor.Encode(at, id);
        }
        return new ConversationPage(page, next);
    }

    /// <summary>The rows the partial index ix_conversations_priority holds (migration 0026).</summary>
    private const string Prioritized = "c.priority > 0";

    /// <summary>Newest first, after the cursor's (last_activity_at, id) if any; at most @Take rows.</summary>
    private static async Task<List<ListRow>> ListByActivityAsync(DbConnection c, List<string> where, DynamicParameters p, (string At, string Id)? after,
        CancellationToken ct)
    {
        if (after is { } cursor)
        {
            where = [.. where, "(c.last_activity_at < @AfterAt OR (c.last_activity_at = @AfterAt AND c.id < @AfterId))"];
            p.Add("AfterAt", DateTimeOffset.Parse(cursor.At, CultureInfo.InvariantCulture));
            p.Add("AfterId", long.Parse(cursor.Id, CultureInfo.InvariantCulture));
        }
        return (await c.QueryAsync<ListRow>(new CommandDefinition(
            $"{ListSelect} WHERE {string.Join(" AND ", where)} ORDER BY c.last_activity_at DESC, c.id DESC LIMIT @Take", p, cancellationToken: ct))).ToList();
    }

    /// <summary>Most urgent first: the prioritized conversations through their partial index, then, while the page has
    /// room, those without priority newest first through the activity index. One index serving both would hold every
    /// conversation and be rewritten on every customer message.</summary>
    private static async Task<List<ListRow>> ListByPriorityAsync(DbConnection c, List<string> where, DynamicParameters p, ConversationFilter filter,
        CancellationToken ct)
    {
        var rows = new List<ListRow>();
        var hasCursor = Cursor.TryDecode(filter.Cursor, 3, out var after);
        var afterPriority = hasCursor ? int.Parse(after[0], CultureInfo.InvariantCulture) : int.MaxValue;
        if (afterPriority > 0 && filter.Priority is not ConversationPriority.None)
        {
            List<string> prioritized = [.. where, Prioritized];
            if (hasCursor)
            {
                prioritized.Add("""
                    (c.priority < @AfterPriority OR (c.priority = @AfterPriority AND (c.last_activity_at < @AfterAt
                        OR (c.last_activity_at = @AfterAt AND c.id < @AfterId))))
                    """);
                p.Add("AfterPriority", afterPriority);
                p.Add("AfterAt", DateTimeOffset.Parse(after[1], CultureInfo.InvariantCulture));
                p.Add("AfterId", long.Parse(after[2], CultureInfo.InvariantCulture));
            }
            rows.AddRange(await c.QueryAsync<ListRow>(new CommandDefinition(
                $"{ListSelect} WHERE {string.Join(" AND ", prioritized)} ORDER BY c.priority DESC, c.last_activity_at DESC, c.id DESC LIMIT @Take",
                p, cancellationToken: ct)));
        }
        if (rows.Count > filter.Limit || filter.Priority is > ConversationPriority.None) return rows;
        p.Add("Take", filter.Limit + 1 - rows.Count);
        rows.AddRange(await ListByActivityAsync(c, [.. where, "c.priority = 0"], p, afterPriority == 0 ? (after[1], after[2]) : null, ct));
        return rows;
    }

    private static object Parameters(Conversation x, DateTimeOffset updatedAt) => new
    {
        x.Id, x.ContactId, Status = x.Status.ToDb(), x.AssigneeId, x.TeamId, x.SnoozedUntil, x.LastActivityAt, x.UnreadCount,
        x.LastInboundIdentityId, x.LastChannelId, x.LastMessagePreview, x.CreatedAt, UpdatedAt = updatedAt,
    };

    /// <summary>The conversation's label ids as one comma-separated text (both databases have string_agg), so a DTO is one
    /// read; on the inbound writer's path too (<see cref="Messaging.InboundTarget"/>).</summary>
    internal const string LabelIdsColumn = "(SELECT string_agg(CAST(l.label_id AS TEXT), ',') FROM conversation_labels l WHERE l.conversation_id = c.id)";

    /// <summary>Reads <see cref="LabelIdsColumn"/>.</summary>
    internal static IReadOnlyList<long> ParseLabelIds(string? ids) => string.IsNullOrEmpty(ids)
        ? []
        : ids.Split(',').Select(id => long.Parse(id, CultureInfo.InvariantCulture)).Order().ToList();

    private const string ListSelect = $"""
        SELECT c.id, c.contact_id, k.name AS contact_name, k.email AS contact_email, k.phone AS contact_phone,
               c.status, c.assignee_id, u.display_name AS assignee_name, c.team_id, c.snoozed_until, c.last_activity_at,
               c.unread_count, c.last_message_preview, c.last_channel_id, c.created_at, c.subject, c.priority,
               {LabelIdsColumn} AS label_ids
        FROM conversations c
        JOIN contacts k ON k.id = c.contact_id
        LEFT JOIN users u ON u.id = c.assignee_id
        """;

    private sealed class ListRow
    {
        public long Id { get; set; }
        public long ContactId { get; set; }
        public string? ContactName { get; set; }
        public string? ContactEmail { get; set; }
        public string? ContactPhone { get; set; }
        public string Status { get; set; } = "";
        public long? AssigneeId { get; set; }
        public string? AssigneeName { get; set; }
        public long? TeamId { get; set; }
        public DateTimeOffset? SnoozedUntil { get; set; }
        public DateTimeOffset LastActivityAt { get; set; }
        public int UnreadCount { get; set; }
        public string? LastMessagePreview { get; set; }
        public long? LastChannelId { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public string? Subject { get; set; }
        public int Priority { get; set; }
        public string? LabelIds { get; set; }

        public ConversationDto ToDto() => new(Id, new ContactSummaryDto(ContactId, ContactName, ContactEmail, ContactPhone),
            DbEnum.Parse<ConversationStatus>(Status), AssigneeId, AssigneeName, TeamId, SnoozedUntil, LastActivityAt, UnreadCount,
            LastMessagePreview, LastChannelId, CreatedAt) { Subject = Subject, Priority = (ConversationPriority)Priority, LabelIds = ParseLabelIds(LabelIds) };
    }
}
