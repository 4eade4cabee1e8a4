using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Inbox.Contracts;
using Microsoft.Data.Sqlite;

namespace Inbox.Bench;

/// <summary>
/// <c>bench/run.sh search</c>: search latency over a big history. Generates the history once (bulk inserts straight into
/// the server's SQLite database, through the server's own schema and FTS triggers: contacts, identities, one thread
/// each, messages of Spanish and English words with a long tail), keeps it in a data folder for the next run, then
/// starts the real server on it and times <c>GET /api/search</c> one request at a time, beside the ceiling of the
/// cheapest database round trip the server answers (<c>/health/ready</c>: HTTP plus a <c>SELECT 1</c>) and of an
/// authenticated request (<c>/api/auth/me</c>).
/// </summary>
public static class SearchBench
{
    public const string Usage = "Usage: bench/run.sh search [--messages 4000000] [--contacts 100000] [--data /tmp/inbox-search-bench] [--requests 200] [--database postgres]";

    /// <summary>Words customers write, most frequent first (Zipf ranks); accents as customers type them when they do.</summary>
    private static readonly string[] Common =
    [
        "hola", "gracias", "pedido", "quiero", "the", "order", "buenos", "días", "por", "favor", "envío", "talla", "precio",
        "tienda", "hello", "thanks", "please", "when", "my", "cuándo", "llega", "número", "devolución", "cambio", "factura",
        "color", "rojo", "azul", "negro", "camiseta", "zapatillas", "pantalón", "sofá", "mesa", "silla", "lámpara",
        "canción", "anuncio", "descuento", "código", "tarjeta", "pago", "transferencia", "dirección", "calle", "madrid",
        "barcelona", "sevilla", "valencia", "shipping", "delivery", "refund", "size", "price", "store", "retrasado",
        "roto", "garantía", "reparación", "técnico", "información", "teléfono", "correo", "mañana", "tarde", "semana",
        "reserva", "recoger", "disponible", "stock", "almacén", "catálogo", "oferta", "rebajas", "regalo", "cumpleaños",
    ];

    private const int TailWords = 30_000;

    public static async Task<int> RunAsync(string[] args, string repoRoot, CancellationToken ct)
    {
        var messages = 4_000_000;
        var contacts = 100_000;
        var requests = 200;
        var postgres = false;
        var data = Path.Combine(Path.GetTempPath(), "inbox-search-bench");
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--messages" when i + 1 < args.Length: messages = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--contacts" when i + 1 < args.Length: contacts = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--requests" when i + 1 < args.Length: requests = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--data" when i + 1 < args.Length: data = Path.GetFullPath(args[++i]); break;
                case "--database" when i + 1 < args.Length && args[i + 1] == "postgres": postgres = true; i++; break;
                default: Console.Error.WriteLine(Usage); return 2;
            }
        }
        var options = BenchOptions.Parse(["--keep-data"], repoRoot);
        var database = Path.Combine(data, "inbox.db");
        // PostgreSQL: a throwaway cluster for this run (BenchPostgres), generated every time with COPY.
        using var pg = postgres ? BenchPostgres.Start() : null;
        var environment = new Dictionary<string, string>();
        if (pg is not null)
        {
            data = Path.Combine(Path.GetTempPath(), "inbox-bench", "search-pg-" + Guid.NewGuid().ToString("N")[..8]);
            environment["Inbox:Database:Provider"] = "postgres";
            environment["Inbox:Database:ConnectionString"] = pg.ConnectionString();
        }

        // 1. The schema comes from the server itself: start it once on the folder (migrations, first admin), stop it.
        if (pg is not null || !File.Exists(database))
        {
            Console.WriteLine($"Creating the database ({(pg is null ? data : "PostgreSQL")})");
            await using var first = await ServerProcess.StartAsync(options, ct, environment, data);
            await first.StopAsync();
        }
        long stored;
        if (pg is not null)
        {
            var generate = Stopwatch.StartNew();
            await PostgresHistory.GenerateAsync(pg.ConnectionString(), contacts, messages, Texts(new Random(4_000_000)), ct);
            Console.WriteLine($"Generated in {generate.Elapsed.TotalSeconds:N0} s");
            stored = messages;
        }
        else
        {
            stored = Count(database);
            if (stored < messages)
            {
                Console.WriteLine($"Generating {messages - stored:N0} messages ({stored:N0} stored) for {contacts:N0} contacts");
                var generate = Stopwatch.StartNew();
                Generate(database, contacts, messages - stored, stored);
                Console.WriteLine($"Generated in {generate.Elapsed.TotalSeconds:N0} s; database {new FileInfo(database).Length / 1048576.0:N0} MiB");
            }
            stored = Count(database);
        }

        // 2. The real server over that history, one request at a time.
        await using var server = await ServerProcess.StartAsync(options, ct, environment, data);
        Console.WriteLine($"Server pid {server.ProcessId} on {server.BaseAddress} over {stored:N0} messages");
        var setup = await Admin.PrepareAsync(server.BaseAddress, ct);
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", setup.BearerToken);
        var machineBefore = MachineLoad.BusyCpu();
        var window = Stopwatch.StartNew();

        var rows = new List<string>();
        async Task MeasureAsync(string label, string url, Func<string, string> matches)
        {
            var body = "";
            for (var i = 0; i < 10; i++) body = await GetAsync(http, url, ct);
            var times = new double[requests];
            for (var i = 0; i < requests; i++)
            {
                var started = Stopwatch.GetTimestamp();
                body = await GetAsync(http, url, ct);
                times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            Array.Sort(times);
            var row = $"| {label} | `{url}` | {matches(body)} | {Percentile(times, 0.50):N2} | {Percentile(times, 0.90):N2} | {Percentile(times, 0.99):N2} | {times[^1]:N2} |";
            Console.WriteLine(row);
            rows.Add(row);
        }

        string None(string _) => "";
        await MeasureAsync("ceiling: HTTP + `SELECT 1`", "/health/ready", None);
        await MeasureAsync("ceiling: authenticated read", Routes.Me, None);
        var tail = TailWord(TailWords - 10);
        foreach (var (label, q) in new[]
        {
            ("accent typed without", "cancion"), ("accent typed with", "envío"), ("prefix, 3 letters", "sof"),
            ("most common word", "hola"), ("two words", "pedido retrasado"), ("rare word", tail), ("rare AND common", "hola " + tail),
            ("no match", "inexistente"),
        })
        {
            var fts = FtsQuery(q);
            var count = pg is not null ? await PostgresHistory.CountAsync(pg.ConnectionString(), q, ct) : CountMatches(database, fts);
            await MeasureAsync(label, $"{Routes.Search}?q={Uri.EscapeDataString(q)}&kind=messages&limit=20", _ => count.ToString("N0", CultureInfo.InvariantCulture));
        }
        await MeasureAsync("contacts: phone typed with 00", $"{Routes.Search}?q=0034600012345&kind=contacts&limit=20", None);
        await MeasureAsync("contacts: name", $"{Routes.Search}?q=garcia&kind=contacts&limit=20", None);

        var other = MachineLoad.BusyCpu() - machineBefore;
        var markdown = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"## {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Report.GitCommit(repoRoot)}, {(pg is null ? "SQLite" : "PostgreSQL")}, {stored:N0} messages, {contacts:N0} contacts")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{requests} sequential requests per row after 10 warm-up, admin token (no team filter), page of 20; machine CPU busy {other.TotalSeconds / window.Elapsed.TotalSeconds / Environment.ProcessorCount:P0} during the run (all processes).")
            .AppendLine()
            .AppendLine("| What | Request | Matches | p50 ms | p90 ms | p99 ms | max ms |")
            .AppendLine("|---|---|---|---|---|---|---|");
        foreach (var row in rows) markdown.AppendLine(row);
        Directory.CreateDirectory(options.ResultsDirectory);
        var file = Path.Combine(options.ResultsDirectory, DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "-search.md");
        if (!File.Exists(file)) await File.WriteAllTextAsync(file, "# Search benchmark results\n\nWritten by `bench/run.sh search`; one section per run, newest last. How to read them: `bench/README.md`.\n\n", ct);
        await File.AppendAllTextAsync(file, markdown.AppendLine().ToString(), ct);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine(pg is null ? $"Appended to {file}; the history stays in {data} for the next run" : $"Appended to {file}");
        return 0;
    }

    private static async Task<string> GetAsync(HttpClient http, string url, CancellationToken ct)
    {
        using var response = await http.GetAsync(url, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {body}");
        return body;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string FtsQuery(string q) => string.Join(' ', q.Split(' ').Select(w => $"\"{w}\"*"));

    private static SqliteConnection Open(string database, bool readOnly = false)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite }.ToString());
        c.Open();
        return c;
    }

    private static long Count(string database)
    {
        using var c = Open(database, readOnly: true);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(MAX(id), 0) FROM messages";
        return (long)cmd.ExecuteScalar()!;
    }

    private static long CountMatches(string database, string match)
    {
        using var c = Open(database, readOnly: true);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH $m";
        cmd.Parameters.AddWithValue("$m", match);
        return (long)cmd.ExecuteScalar()!;
    }

    private static string TailWord(int rank)
    {
        var word = new StringBuilder("x");
        for (var n = rank; n > 0; n /= 26) word.Append((char)('a' + n % 26));
        return word.ToString();
    }

    /// <summary>Bulk load in big transactions with prepared statements; the FTS index is filled by the server's own triggers.</summary>
    private static void Generate(string database, int contacts, long messages, long alreadyStored)
    {
        var random = new Random(4_000_000 + (int)alreadyStored);
        using var c = Open(database);
        Exec(c, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA foreign_keys=OFF;");
        var start = DateTimeOffset.UtcNow.AddDays(-700);
        // History from before any channel of this server: messages and identities name none (both columns are nullable).
        object channelId = DBNull.Value;
        var conversationIds = new long[contacts];
        var identityIds = new long[contacts];
        var existing = (long)Scalar(c, "SELECT count(*) FROM conversations")!;
        using (var tx = c.BeginTransaction())
        {
            if (existing < contacts)
            {
                string[] first = ["Ana", "Lucía", "José", "Íñigo", "María", "Carmen", "John", "Emma", "Pedro", "Sofía", "Álvaro", "Nuria"];
                string[] last = ["García", "Pérez", "Muñoz", "López", "Smith", "Fernández", "Núñez", "Martín", "Gómez", "Brown"];
                for (var i = (int)existing; i < contacts; i++)
                {
                    var name = $"{first[random.Next(first.Length)]} {last[random.Next(last.Length)]}";
                    var phone = $"+34600{i:D6}";
                    var contact = Insert(c, tx, """
                        INSERT INTO contacts (name, search_name, phone, created_at, updated_at) VALUES ($n, $s, $p, $t, $t) RETURNING id
                        """, ("$n", name), ("$s", FoldName(name)), ("$p", phone), ("$t", start));
                    Insert(c, tx, """
                        INSERT INTO contact_identities (contact_id, kind, address, display_name, last_channel_id, last_seen_at, created_at)
                        VALUES ($c, 'phone', $p, $n, $ch, $t, $t) RETURNING id
                        """, ("$c", contact), ("$p", phone), ("$n", name), ("$ch", channelId), ("$t", start));
                    Insert(c, tx, """
                        INSERT INTO conversations (contact_id, status, last_activity_at, unread_count, last_channel_id, created_at, updated_at)
                        VALUES ($c, 'open', $t, 0, $ch, $t, $t) RETURNING id
                        """, ("$c", contact), ("$ch", channelId), ("$t", start));
                }
            }
            tx.Commit();
        }
        using (var read = c.CreateCommand())
        {
            read.CommandText = "SELECT c.id, i.id FROM conversations c JOIN contact_identities i ON i.contact_id = c.contact_id ORDER BY c.id LIMIT $n";
            read.Parameters.AddWithValue("$n", contacts);
            using var r = read.ExecuteReader();
            for (var i = 0; r.Read() && i < contacts; i++) (conversationIds[i], identityIds[i]) = (r.GetInt64(0), r.GetInt64(1));
        }

        using var texts = Texts(random).GetEnumerator();
        // The server's FTS triggers (edits, deletes, a reused id) are set aside for the bulk load and the index rebuilt in
        // one pass at the end (several times faster), then put back exactly as the migration wrote them.
        var triggers = new List<string>();
        using (var read = c.CreateCommand())
        {
            read.CommandText = "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'messages' AND name LIKE 'messages_fts_%'";
            using var r = read.ExecuteReader();
            while (r.Read()) triggers.Add(r.GetString(0));
        }
        Exec(c, "DROP TRIGGER IF EXISTS messages_fts_insert; DROP TRIGGER IF EXISTS messages_fts_delete; DROP TRIGGER IF EXISTS messages_fts_update;");
        using var insert = c.CreateCommand();
        insert.CommandText = """
            INSERT INTO messages (conversation_id, channel_id, identity_id, direction, text, is_private, status, created_at, updated_at)
            VALUES ($c, $ch, $i, $d, $x, 0, $s, $t, $t)
            """;
        var pc = insert.Parameters.Add("$c", SqliteType.Integer);
        var pch = insert.Parameters.AddWithValue("$ch", channelId);
        var pi = insert.Parameters.Add("$i", SqliteType.Integer);
        var pd = insert.Parameters.Add("$d", SqliteType.Text);
        var px = insert.Parameters.Add("$x", SqliteType.Text);
        var ps = insert.Parameters.Add("$s", SqliteType.Text);
        var pt = insert.Parameters.Add("$t", SqliteType.Text);
        var clock = Stopwatch.StartNew();
        for (long done = 0; done < messages;)
        {
            using var tx = c.BeginTransaction();
            insert.Transaction = tx;
            insert.Prepare();
            for (var n = 0; n < 100_000 && done < messages; n++, done++)
            {
                var k = random.Next(contacts);
                texts.MoveNext();
                var inbound = random.Next(3) != 0;
                pc.Value = conversationIds[k];
                pi.Value = identityIds[k];
                pd.Value = inbound ? "inbound" : "outbound";
                px.Value = texts.Current;
                ps.Value = inbound ? "received" : "delivered";
                pt.Value = start.AddSeconds((alreadyStored + done) * 15.0).ToString("yyyy-MM-dd HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);
                insert.ExecuteNonQuery();
            }
            tx.Commit();
            Console.WriteLine($"  {alreadyStored + done:N0} messages ({done / clock.Elapsed.TotalSeconds:N0}/s)");
        }
        Console.WriteLine("  rebuilding the full-text index");
        // The rebuild indexes every message, so the server's indexer (Search/SearchIndexer) starts above all of them.
        Exec(c, "INSERT INTO messages_fts (messages_fts) VALUES ('rebuild'); UPDATE search_index_state SET last_id = (SELECT COALESCE(MAX(id), 0) FROM messages);");
        foreach (var trigger in triggers) Exec(c, trigger);
        Console.WriteLine($"  indexed in {clock.Elapsed.TotalSeconds:N0} s from the start");
        Exec(c, "UPDATE conversations SET last_activity_at = (SELECT MAX(created_at) FROM messages m WHERE m.conversation_id = conversations.id); PRAGMA wal_checkpoint(TRUNCATE);");
    }

    /// <summary>Message texts: 4 to 19 words by Zipf's law over the common words then a long tail of made-up ones (a few
    /// words in most messages, most words rare).</summary>
    internal static IEnumerable<string> Texts(Random random)
    {
        var vocabulary = Common.Concat(Enumerable.Range(1, TailWords).Select(TailWord)).ToArray();
        var cumulative = new double[vocabulary.Length];
        var sum = 0.0;
        for (var i = 0; i < vocabulary.Length; i++) cumulative[i] = sum += 1.0 / (i + 1);
        var text = new StringBuilder();
        while (true)
        {
            text.Clear();
            for (var w = 4 + random.Next(16); w > 0; w--)
            {
                var at = Array.BinarySearch(cumulative, random.NextDouble() * sum);
                text.Append(vocabulary[at < 0 ? ~at : at]).Append(w % 7 == 0 ? ". " : " ");
            }
            yield return text.ToString().TrimEnd();
        }
    }

    internal static string FoldName(string value)
    {
        var decomposed = value.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        return new string(decomposed.Where(ch => CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark).ToArray()).Normalize(NormalizationForm.FormC);
    }

    private static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        var value = cmd.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private static long Insert(SqliteConnection c, SqliteTransaction tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return (long)cmd.ExecuteScalar()!;
    }
}
