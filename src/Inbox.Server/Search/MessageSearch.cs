using Dapper;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Data;

namespace Inbox.Server.Search;

/// <summary>
/// Messages of every thread the viewer may see whose text has all the query's words (as prefixes), newest first.
/// SQLite reads the FTS5 index of migration 0018 in descending rowid order, so a page costs its own rows whatever
/// the number of matches; PostgreSQL reads the GIN expression index of the same migration.
/// </summary>
public sealed class MessageSearch(IDbConnectionFactory db)
{
    public async Task<IReadOnlyList<MessageHitDto>> FindAsync(Viewer viewer, SearchTerms terms, long beforeId, int take, CancellationToken ct)
    {
        var p = new DynamicParameters(viewer.SqlParameters);
        p.Add("Before", beforeId);
        p.Add("Take", take);
        string sql;
        if (db.Dialect == SqlDialect.Postgres)
        {
            p.Add("Match", terms.ToTsQuery());
            sql = $"""
                SELECT {Columns}
                FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN contacts k ON k.id = c.contact_id
                WHERE to_tsvector('simple'::regconfig, inbox_search_fold(m.text)) @@ to_tsquery('simple'::regconfig, @Match)
                  AND m.id < @Before AND {Viewer.SqlFilter(db.Dialect)}
                ORDER BY m.id DESC
                LIMIT @Take
                """;
        }
        else
        {
            p.Add("Match", terms.ToFts5());
            sql = $"""
                SELECT {Columns}
                FROM messages_fts f JOIN messages m ON m.id = f.rowid JOIN conversations c ON c.id = m.conversation_id
                JOIN contacts k ON k.id = c.contact_id
                WHERE messages_fts MATCH @Match AND f.rowid < @Before AND {Viewer.SqlFilter(db.Dialect)}
                ORDER BY f.rowid DESC
                LIMIT @Take
                """;
        }
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<HitRow>(new CommandDefinition(sql, p, cancellationToken: ct));
        return rows.Select(r => new MessageHitDto(r.Id, r.ConversationId, r.ContactId, r.ContactName, DbEnum.Parse<MessageDirection>(r.Direction),
            r.IsPrivate, r.ChannelId, r.CreatedAt, Snippets.ForMessage(r.Text, terms))).ToList();
    }

    private const string Columns = """
        m.id, m.conversation_id, c.contact_id, k.name AS contact_name, m.direction, m.is_private, m.channel_id, m.created_at, m.text
        """;

    private sealed class HitRow
    {
        public long Id { get; set; }
        public long ConversationId { get; set; }
        public long ContactId { get; set; }
        public string? ContactName { get; set; }
        public string Direction { get; set; } = "";
        public bool IsPrivate { get; set; }
        public long? ChannelId { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public string Text { get; set; } = "";
    }
}
