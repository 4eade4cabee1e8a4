using System.Data.Common;
using Dapper;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Data;

namespace Inbox.Server.Notifications;

/// <summary>Each agent's bell: the notes they were @mentioned in and the conversations someone else assigned them.</summary>
public sealed class NotificationStore(IDbConnectionFactory db)
{
    /// <summary>A mention names its note (its conversation is the note's, so it follows a merge); an assignment its
    /// conversation. Returns the new entry's id.</summary>
    public async Task<long> InsertAsync(DbConnection c, DbTransaction tx, long userId, string kind, long? conversationId, long? messageId, long? actorId,
        DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO notifications (user_id, kind, conversation_id, message_id, actor_id, created_at)
            VALUES (@UserId, @Kind, @ConversationId, @MessageId, @ActorId, @Now)
            RETURNING id
            """, new { UserId = userId, Kind = kind, ConversationId = conversationId, MessageId = messageId, ActorId = actorId, Now = now }, tx, cancellationToken: ct));

    /// <summary>The viewer's notifications, newest first, in conversations they can still see.</summary>
    public async Task<IReadOnlyList<NotificationDto>> ListForAsync(Viewer viewer, int limit, CancellationToken ct)
    {
        var p = new DynamicParameters(viewer.SqlParameters);
        p.Add("UserId", viewer.UserId);
        p.Add("Take", limit);
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition($"""
            SELECT n.id, n.kind, c.id AS conversation_id, n.actor_id, u.display_name AS actor_name, m.text, k.name AS contact_name, n.created_at, n.message_id
            FROM notifications n
            LEFT JOIN messages m ON m.id = n.message_id
            JOIN conversations c ON c.id = COALESCE(m.conversation_id, n.conversation_id)
            JOIN contacts k ON k.id = c.contact_id
            LEFT JOIN users u ON u.id = n.actor_id
            WHERE n.user_id = @UserId AND {Viewer.SqlFilter(db.Dialect)}
            ORDER BY n.id DESC
            LIMIT @Take
            """, p, cancellationToken: ct));
        return rows.Select(r => new NotificationDto(r.Id, r.Kind, r.ConversationId, r.ActorId, r.ActorName, r.Text is null ? null : Mentions.MentionStore.Preview(r.Text),
            r.ContactName, r.CreatedAt, r.MessageId)).ToList();
    }

    private sealed class Row
    {
        public long Id { get; set; }
        public string Kind { get; set; } = "";
        public long ConversationId { get; set; }
        public long? ActorId { get; set; }
        public string? ActorName { get; set; }
        public string? Text { get; set; }
        public string? ContactName { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public long? MessageId { get; set; }
    }
}
