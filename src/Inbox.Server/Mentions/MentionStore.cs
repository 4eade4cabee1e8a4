using System.Data.Common;
using Dapper;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Data;

namespace Inbox.Server.Mentions;

/// <summary>Who was @mentioned in which private note. The conversation is the note's, so a mention follows a merge.</summary>
public sealed class MentionStore(IDbConnectionFactory db)
{
    public const int PreviewLength = 140;

    public async Task InsertAsync(DbConnection c, DbTransaction tx, long messageId, IReadOnlyList<long> userIds, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var userId in userIds)
            await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO mentions (message_id, user_id, created_at) VALUES (@MessageId, @UserId, @Now) ON CONFLICT DO NOTHING",
                new { MessageId = messageId, UserId = userId, Now = now }, tx, cancellationToken: ct));
    }

    /// <summary>The viewer's mentions, newest first, in conversations they can still see.</summary>
    public async Task<IReadOnlyList<MentionDto>> ListForAsync(Viewer viewer, int limit, CancellationToken ct)
    {
        var p = new DynamicParameters(viewer.SqlParameters);
        p.Add("UserId", viewer.UserId);
        p.Add("Take", limit);
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition($"""
            SELECT m.id AS message_id, m.conversation_id, m.author_id, u.display_name AS author_name, m.text, k.name AS contact_name, x.created_at
            FROM mentions x
            JOIN messages m ON m.id = x.message_id
            JOIN conversations c ON c.id = m.conversation_id
            JOIN contacts k ON k.id = c.contact_id
            LEFT JOIN users u ON u.id = m.author_id
            WHERE x.user_id = @UserId AND {Viewer.SqlFilter(db.Dialect)}
            ORDER BY x.message_id DESC
            LIMIT @Take
            """, p, cancellationToken: ct));
        return rows.Select(r => new MentionDto(r.MessageId, r.ConversationId, r.AuthorId, r.AuthorName, Preview(r.Text), r.ContactName, r.CreatedAt)).ToList();
    }

    public static string Preview(string text) => text.Length <= PreviewLength ? text : text[..PreviewLength];

    private sealed class Row
    {
        public long MessageId { get; set; }
        public long ConversationId { get; set; }
        public long? AuthorId { get; set; }
        public string? AuthorName { get; set; }
        public string Text { get; set; } = "";
        public string? ContactName { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
    }
}
