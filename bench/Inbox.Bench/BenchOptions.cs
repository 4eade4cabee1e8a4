using System.Globalization;

namespace Inbox.Bench;

/// <summary>Command line: --messages 50000 --concurrency 64 --senders 1000 --warmup 2000 --ceiling 20000 [--frozen-client] [--quick]
/// [--server path/Inbox.Server.dll] [--results dir] [--keep-data].</summary>
public sealed record BenchOptions(
    int Messages, int Concurrency, int Senders, int Warmup, int TextLength, int CeilingMessages, bool FrozenClient, bool Quick,
    string ServerDll, string ResultsDirectory, bool KeepData, IReadOnlyDictionary<string, string> ServerSettings)
{
    /// <summary>sqlite (embedded, the default) or postgres (a throwaway durable cluster started for the run).</summary>
    public string Database { get; init; } = "sqlite";

    /// <summary>Server processes sharing the database (and a Redis, when more than one); the load is spread round-robin.</summary>
    public int Nodes { get; init; } = 1;

    /// <summary>A markdown file to append this run's one-line summary to (bench/suite.sh writes docs/benchmarks.md).</summary>
    public string? SummaryFile { get; init; }

    public bool IsPostgres => Database == "postgres";

    public static BenchOptions Parse(string[] args, string repoRoot)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var serverSettings = new Dictionary<string, string>(StringComparer.Ordinal);
        bool keep = false, frozen = false, quick = false;
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a == "--keep-data") { keep = true; continue; }
            if (a == "--frozen-client") { frozen = true; continue; }
            if (a == "--quick") { quick = true; continue; }
            if (a is "-h" or "--help") throw new UsageException();
            if (!a.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length) throw new UsageException($"Unexpected argument '{a}'.");
            var value = args[++i];
            // --set Inbox:Database:InboundBatchSize=512 passes a setting to the server (as an environment variable).
            if (a == "--set")
            {
                var eq = value.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0) throw new UsageException("--set expects Key=Value.");
                serverSettings[value[..eq]] = value[(eq + 1)..];
            }
            else values[a[2..]] = value;
        }

        int Int(string name, int fallback, int min) =>
            values.Remove(name, out var v) ? int.TryParse(v, CultureInfo.InvariantCulture, out var n) && n >= min ? n : throw new UsageException($"--{name} must be an integer ≥ {min}.") : fallback;

        var options = new BenchOptions(
            // --quick: under a minute, to prove the harness works (CI); its figures are JIT warm-up, not throughput.
            Messages: Int("messages", quick ? 3_000 : 50_000, 1),
            Concurrency: Int("concurrency", 64, 1),
            Senders: Int("senders", quick ? 300 : 1_000, 1),
            Warmup: Int("warmup", quick ? 500 : 2_000, 1), // the ceiling copies the shape of a stored message
            TextLength: Int("text-length", 80, 40),
            CeilingMessages: Int("ceiling", quick ? 1_000 : 20_000, 1),
            FrozenClient: frozen,
            Quick: quick,
            ServerDll: values.Remove("server", out var s) ? Path.GetFullPath(s) : Path.Combine(repoRoot, "src", "Inbox.Server", "bin", "Release", "net10.0", "Inbox.Server.dll"),
            ResultsDirectory: values.Remove("results", out var r) ? Path.GetFullPath(r) : Path.Combine(repoRoot, "bench", "results"),
            KeepData: keep,
            ServerSettings: serverSettings);
        var database = values.Remove("database", out var d) ? d.ToLowerInvariant() : "sqlite";
        if (database is not ("sqlite" or "postgres")) throw new UsageException("--database is sqlite or postgres.");
        var nodes = Int("nodes", 1, 1);
        if (nodes > 1 && database != "postgres") throw new UsageException("--nodes 2 needs --database postgres (SQLite is one process's file).");
        var summary = values.Remove("summary", out var sf) ? Path.GetFullPath(sf) : null;
        if (values.Count > 0) throw new UsageException($"Unknown option --{values.Keys.First()}.");
        return options with { Database = database, Nodes = nodes, SummaryFile = summary };
    }

    public const string Usage = """
        Usage: bench/run.sh [--quick] [--database sqlite|postgres] [--nodes 1|2] [--summary docs/benchmarks.md] [--messages 50000] [--concurrency 64] [--senders 1000] [--warmup 2000] [--text-length 80]
                            [--ceiling 20000] [--frozen-client]
                            [--server src/Inbox.Server/bin/Release/net10.0/Inbox.Server.dll] [--results bench/results]
                            [--set Inbox:Database:InboundBatchSize=512]... [--keep-data]
        """;
}

public sealed class UsageException(string message = "") : Exception(message);
