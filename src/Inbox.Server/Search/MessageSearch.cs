using Dapper;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Data;

namespace Inbox.Server.Search;

/// <summary>
/// Messages of every thread the viewer may see whose text has all the query's words (as prefixes), newest first.
/// SQLite reads the FTS5 index of migration 0018 in descending rowid order: with every word within the indexed prefix
/// length a page costs its own rows whatever the number of matches; longer words are looked up by their first letters
/// and checked here, a batch at a time, as are the newest messages the index does not hold yet (migration 0027).
/// PostgreSQL walks the newest messages by id and, for a word rare there, reads the rest of its matches off the GIN
/// index over the stored vector of the same migration.
/// </summary>
public sealed class MessageSearch(IDbConnectionFactory db)
{
    /// <summary>Candidates read per round when the index alone cannot decide, and how many rounds one page may take.</summary>
    private const int Batch = 200;
    private const int MaxRounds = 10;

    /// <summary>Up to <paramref name="take"/> hits older than <paramref name="beforeId"/>, and where the next page starts
    /// (null when nothing older can match). A page may hold fewer hits than asked and still go on, when many candidates
    /// were looked at.</summary>
    public async Task<(IReadOnlyList<MessageHitDto> Hits, long? NextBefore)> FindAsync(Viewer viewer, SearchTerms terms, long beforeId, int take, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        if (db.Dialect == SqlDialect.Postgres)
        {
            // PostgreSQL guesses the same small share of rows (~0.05 %) for every prefix its statistics do not hold, so it
            // walks the messages newest first and filters, which for a rare word is the whole table (1.5 s at 4,000,000 for
            // a word that is nowhere). So only the newest RecentWindow messages are walked; with fewer hits than a page
            // there the word is rare, and its older matches are read from the GIN index at once and sorted.
            var floor = await c.ExecuteScalarAsync<long>(new CommandDefinition(WindowFloorSql, new { Before = beforeId, RecentWindow }, cancellationToken: ct));
            var recent = await ReadPostgresAsync(c, viewer, terms, beforeId, floor, take + 1, ct);
            if (recent.Count > take || floor == 0) return Page([], recent);
            var rarest = terms.Words.Count == 1 ? terms : await RarestWordAsync(c, terms, floor, beforeId, ct);
            return Page(recent, await ReadPostgresAsync(c, viewer, terms, floor, 0, take + 1 - recent.Count, ct, indexed: rarest));
        }

        // SQLite indexes behind the writer (SearchIndexer): newer messages than the index holds are read and matched
        // here, newest first, before the index is asked. Reading the watermark once splits the ids for this request
        // however far the indexer gets meanwhile.
        var indexed = await c.ExecuteScalarAsync<long>(new CommandDefinition(SearchIndexer.WatermarkSql, cancellationToken: ct));
        var hits = new List<HitRow>();
        var before = beforeId;
        for (var round = 0; round < MaxRounds; round++)
        {
            var source = before > indexed + 1 ? Source.Unindexed : Source.Index;
            if (source == Source.Index && terms.IsExactInFts5) return Page(hits, await ReadAsync(c, viewer, terms, source, before, take + 1 - hits.Count, ct));

            var candidates = await ReadAsync(c, viewer, terms, source, before, Batch, ct, indexed);
            foreach (var row in candidates)
            {
                before = row.Id;
                if (!Snippets.HasEveryWord(row.Text, terms)) continue;
                hits.Add(row);
                if (hits.Count > take) return Page(hits, []);
            }
            if (candidates.Count == Batch) continue;
            if (source == Source.Index) return Page(hits, []);
            before = indexed + 1;
        }
        return (hits.Select(r => r.ToHit(terms)).ToList(), before);

        (IReadOnlyList<MessageHitDto>, long?) Page(List<HitRow> found, List<HitRow> more)
        {
            found.AddRange(more);
            var page = found.Take(take).ToList();
            return (page.Select(r => r.ToHit(terms)).ToList(), found.Count > take ? page[^1].Id : null);
        }
    }

    /// <summary>Where candidates come from: the full-text index, or the messages stored since it was last added to,
    /// every one a candidate.</summary>
    private enum Source { Index, Unindexed }

    private async Task<List<HitRow>> ReadAsync(System.Data.Common.DbConnection c, Viewer viewer, SearchTerms terms, Source source, long beforeId, int take,
        CancellationToken ct, long indexed = 0)
    {
        var p = new DynamicParameters(viewer.SqlParameters);
        p.Add("Before", beforeId);
        p.Add("Take", take);
        string sql;
        if (source == Source.Unindexed)
        {
            p.Add("Indexed", indexed);
            sql = $"""
                SELECT {Columns}
                FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN contacts k ON k.id = c.contact_id
                WHERE m.id > @Indexed AND m.id < @Before AND {Viewer.SqlFilter(db.Dialect)}
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
        return (await c.QueryAsync<HitRow>(new CommandDefinition(sql, p, cancellationToken: ct))).ToList();
    }

    /// <summary>Messages walked newest first before the GIN index is asked for all of a word's matches (PostgreSQL).</summary>
    internal const int RecentWindow = 20_000;

    /// <summary>The id <see cref="RecentWindow"/> messages below the cursor (0 when fewer are left), read off the primary key.</summary>
    private const string WindowFloorSql =
        "SELECT COALESCE((SELECT id FROM messages WHERE id < @Before ORDER BY id DESC OFFSET @RecentWindow LIMIT 1), 0)";

    /// <summary>Hits with <paramref name="floor"/> &lt;= id &lt; <paramref name="beforeId"/>, newest first, or, with
    /// <paramref name="indexed"/>, every hit below <paramref name="beforeId"/>.</summary>
    /// <remarks>The window is walked by the primary key and each message checked with <c>ts_match_vq</c> (the function
    /// behind <c>@@</c>, which no index serves), so PostgreSQL never reads a common word's whole GIN entry for it. Below
    /// the window only <paramref name="indexed"/> (the rarest word) is looked up in the GIN index, the other words are
    /// checked on its rows, and ordering on <c>m.id + 0</c>, which no index gives, makes PostgreSQL sort those rows rather
    /// than walk the table.</remarks>
    private async Task<List<HitRow>> ReadPostgresAsync(System.Data.Common.DbConnection c, Viewer viewer, SearchTerms terms, long beforeId, long floor, int take,
        CancellationToken ct, SearchTerms? indexed = null)
    {
        var p = new DynamicParameters(viewer.SqlParameters);
        p.Add("Match", terms.ToTsQuery());
        p.Add("Before", beforeId);
        p.Add("Take", take);
        string where, order;
        if (indexed is null)
        {
            p.Add("Floor", floor);
            where = "ts_match_vq(m.search_vector, to_tsquery('simple'::regconfig, @Match)) AND m.id >= @Floor";
            order = "m.id";
        }
        else
        {
            p.Add("Indexed", indexed.ToTsQuery());
            where = "m.search_vector @@ to_tsquery('simple'::regconfig, @Indexed)"
                + (indexed.Words.Count == terms.Words.Count ? "" : " AND ts_match_vq(m.search_vector, to_tsquery('simple'::regconfig, @Match))");
            order = "m.id + 0";
        }
        var sql = $"""
            SELECT {Columns}
            FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN contacts k ON k.id = c.contact_id
            WHERE {where} AND m.id < @Before AND {Viewer.SqlFilter(db.Dialect)}
            ORDER BY {order} DESC
            LIMIT @Take
            """;
        return (await c.QueryAsync<HitRow>(new CommandDefinition(sql, p, cancellationToken: ct))).ToList();
    }

    /// <summary>The query's word found in the fewest of the newest messages (the window above <paramref name="floor"/>,
    /// just walked, so read again from memory): with a word common there, asking the GIN index for it would read all
    /// its messages.</summary>
    private static async Task<SearchTerms> RarestWordAsync(System.Data.Common.DbConnection c, SearchTerms terms, long floor, long beforeId, CancellationToken ct)
    {
        var p = new DynamicParameters(new { Floor = floor, Before = beforeId });
        for (var i = 0; i < terms.Words.Count; i++) p.Add($"W{i}", new SearchTerms([terms.Words[i]]).ToTsQuery());
        var counts = terms.Words.Select((_, i) => $"COUNT(*) FILTER (WHERE search_vector @@ to_tsquery('simple'::regconfig, @W{i})) AS c{i}");
        var row = (IDictionary<string, object>)await c.QuerySingleAsync(new CommandDefinition(
            $"SELECT {string.Join(", ", counts)} FROM messages WHERE id >= @Floor AND id < @Before", p, cancellationToken: ct));
        var rarest = row.Values.Select((count, i) => (Count: Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture), i)).MinBy(x => x.Count).i;
        return new SearchTerms([terms.Words[rarest]]);
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

        public MessageHitDto ToHit(SearchTerms terms) => new(Id, ConversationId, ContactId, ContactName, DbEnum.Parse<MessageDirection>(Direction),
            IsPrivate, ChannelId, CreatedAt, Snippets.ForMessage(Text, terms));
    }
}
