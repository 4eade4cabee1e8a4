using Dapper;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Data;

namespace Inbox.Server.Search;

/// <summary>
/// Contacts the viewer may see, newest first: all of them, or those whose name, email, phone or any address matches
/// the query, optionally only those who wrote on one channel. A phone matches however it is typed: "+34 612 34 56 78",
/// "612345678" and "0034612345678" all find +34612345678.
/// </summary>
public sealed class ContactDirectory(IDbConnectionFactory db)
{
    public async Task<IReadOnlyList<ContactHitDto>> FindAsync(Viewer viewer, string? query, long? channelId, long beforeId, int take, CancellationToken ct)
    {
        var p = new DynamicParameters(viewer.SqlParameters);
        p.Add("Before", beforeId);
        p.Add("Take", take);
        var where = new List<string> { Viewer.SqlFilter(db.Dialect), "k.id < @Before" };
        var text = query?.Trim() ?? "";
        if (text.Length > 0 && IsPhoneOnly(text) && PhoneDigits(text) is { } phone)
        {
            // Only a phone: no name or email to compare. The phone identities are read once through their (kind, address)
            // index, not per contact (benchmarked: bench/README.md).
            p.Add("Digits", "%" + phone + "%");
            where.Add("k.id IN (SELECT d.contact_id FROM contact_identities d WHERE d.kind = 'phone' AND d.address LIKE @Digits)");
        }
        else if (text.Length > 0)
        {
            p.Add("Pattern", Like(text.ToLowerInvariant()));
            // A name matches when it has every word of the query, in any order ("pérez lucía" finds "Lucía Pérez").
            var words = SearchTerms.Parse(text).Words;
            var byName = words.Count == 0 ? "" : "(" + string.Join(" AND ", words.Select((w, i) =>
            {
                p.Add($"Name{i}", Like(w));
                return $"COALESCE(k.search_name, '') LIKE @Name{i} ESCAPE '\\'";
            })) + ") OR ";
            var match = $"""
                {byName}LOWER(COALESCE(k.email, '')) LIKE @Pattern ESCAPE '\'
                OR EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = k.id AND LOWER(i.address) LIKE @Pattern ESCAPE '\')
                """;
            if (PhoneDigits(text) is { } digits)
            {
                p.Add("Digits", "%" + digits + "%");
                match += """
                    OR k.phone LIKE @Digits
                    OR EXISTS (SELECT 1 FROM contact_identities d WHERE d.contact_id = k.id AND d.kind = 'phone' AND d.address LIKE @Digits)
                    """;
            }
            where.Add($"({match})");
        }
        if (channelId is { } channel)
        {
            p.Add("ChannelId", channel);
            where.Add("EXISTS (SELECT 1 FROM contact_identities ch WHERE ch.contact_id = k.id AND ch.last_channel_id = @ChannelId)");
        }

        await using var c = await db.OpenAsync(ct);
        var rows = (await c.QueryAsync<Row>(new CommandDefinition($"""
            SELECT k.id, k.name, k.email, k.phone, k.created_at, c.id AS conversation_id
            FROM contacts k LEFT JOIN conversations c ON c.contact_id = k.id
            WHERE {string.Join(" AND ", where)}
            ORDER BY k.id DESC
            LIMIT @Take
            """, p, cancellationToken: ct))).ToList();
        if (rows.Count == 0) return [];
        var kinds = (await c.QueryAsync<(long ContactId, string Kind)>(new CommandDefinition(
            $"SELECT DISTINCT contact_id, kind FROM contact_identities WHERE contact_id {db.Dialect.In("@Ids")}",
            new { Ids = rows.Select(r => r.Id).ToArray() }, cancellationToken: ct)))
            .ToLookup(k => k.ContactId, k => DbEnum.Parse<IdentityKind>(k.Kind));
        var terms = SearchTerms.Parse(text);
        return rows.Select(r => new ContactHitDto(r.Id, r.Name is null ? null : Snippets.ForName(r.Name, terms), r.Email, r.Phone,
            r.ConversationId, kinds[r.Id].Order().ToList(), r.CreatedAt)).ToList();
    }

    /// <summary>The digits of a query that looks like a phone number, without an international "00" prefix
    /// (stored phones are E.164, "+34612345678"); null when there are fewer than 3 digits or letters besides.</summary>
    public static string? PhoneDigits(string text)
    {
        if (text.Any(char.IsLetter)) return null;
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("00", StringComparison.Ordinal)) digits = digits[2..];
        return digits.Length < 3 ? null : digits;
    }

    /// <summary>Digits and what people type between them: "+34 (612) 34-56-78".</summary>
    private static bool IsPhoneOnly(string text) => text.All(ch => char.IsAsciiDigit(ch) || ch is ' ' or '+' or '-' or '(' or ')' or '.' or '/');

    private static string Like(string text) => "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";

    private sealed class Row
    {
        public long Id { get; set; }
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public long? ConversationId { get; set; }
    }
}
