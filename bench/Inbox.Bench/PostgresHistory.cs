using Npgsql;
using NpgsqlTypes;

namespace Inbox.Bench;

/// <summary>The search bench's history on PostgreSQL: binary COPY into the server's own schema, the search index set
/// aside during the load and built once at the end from its own definition.</summary>
public static class PostgresHistory
{
    public static async Task GenerateAsync(string connectionString, int contacts, long messages, IEnumerable<string> texts, CancellationToken ct)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync(ct);
        var index = (string)(await new NpgsqlCommand("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_messages_search'", c).ExecuteScalarAsync(ct))!;
        await new NpgsqlCommand("DROP INDEX ix_messages_search", c).ExecuteNonQueryAsync(ct);
        var start = DateTimeOffset.UtcNow.AddDays(-700);
        string[] first = ["Ana", "Lucía", "José", "Íñigo", "María", "Carmen", "John", "Emma", "Pedro", "Sofía", "Álvaro", "Nuria"];
        string[] last = ["García", "Pérez", "Muñoz", "López", "Smith", "Fernández", "Núñez", "Martín", "Gómez", "Brown"];
        var random = new Random(4_000_000);
        await using (var copy = await c.BeginBinaryImportAsync("COPY contacts (id, name, search_name, phone, created_at, updated_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 1; i <= contacts; i++)
            {
                var name = $"{first[random.Next(first.Length)]} {last[random.Next(last.Length)]}";
                await copy.WriteRowAsync(ct, (long)i, name, Inbox.Bench.SearchBench.FoldName(name), $"+34600{i:D6}", start, start);
            }
            await copy.CompleteAsync(ct);
        }
        await using (var copy = await c.BeginBinaryImportAsync("COPY contact_identities (id, contact_id, kind, address, created_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 1; i <= contacts; i++) await copy.WriteRowAsync(ct, (long)i, (long)i, "phone", $"+34600{i:D6}", start);
            await copy.CompleteAsync(ct);
        }
        await using (var copy = await c.BeginBinaryImportAsync("COPY conversations (id, contact_id, status, last_activity_at, unread_count, created_at, updated_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 1; i <= contacts; i++) await copy.WriteRowAsync(ct, (long)i, (long)i, "open", start, 0, start, start);
            await copy.CompleteAsync(ct);
        }
        await using (var copy = await c.BeginBinaryImportAsync("COPY messages (conversation_id, identity_id, direction, text, is_private, status, created_at, updated_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            using var text = texts.GetEnumerator();
            for (long n = 0; n < messages; n++)
            {
                text.MoveNext();
                var k = (long)random.Next(1, contacts + 1);
                var inbound = random.Next(3) != 0;
                var at = start.AddSeconds(n * 15.0);
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(k, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(k, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(inbound ? "inbound" : "outbound", NpgsqlDbType.Text, ct);
                await copy.WriteAsync(text.Current, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(inbound ? "received" : "delivered", NpgsqlDbType.Text, ct);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
                if (n % 500_000 == 0) Console.WriteLine($"  {n:N0} messages");
            }
            await copy.CompleteAsync(ct);
        }
        Console.WriteLine("  building the search index");
        foreach (var sql in new[]
        {
            "SELECT setval(pg_get_serial_sequence('contacts', 'id'), (SELECT MAX(id) FROM contacts))",
            "SELECT setval(pg_get_serial_sequence('contact_identities', 'id'), (SELECT MAX(id) FROM contact_identities))",
            "SELECT setval(pg_get_serial_sequence('conversations', 'id'), (SELECT MAX(id) FROM conversations))",
            "SET maintenance_work_mem = '512MB'",
            index,
            "ANALYZE",
        })
        {
            await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 3600 };
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public static async Task<long> CountAsync(string connectionString, string query, CancellationToken ct)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*) FROM messages WHERE search_vector @@ to_tsquery('simple'::regconfig, @q)
            """, c) { CommandTimeout = 600 };
        cmd.Parameters.AddWithValue("q", string.Join(" & ", query.Split(' ').Select(w => SearchBench.FoldName(w) + ":*")));
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
