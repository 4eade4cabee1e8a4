using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Inbox.Bench;

/// <summary>
/// A throwaway PostgreSQL cluster from Debian's packages for one bench run, with production durability (fsync on,
/// synchronous_commit on: a 200 means the message is on disk), on a free port under a temp folder.
/// </summary>
public sealed class BenchPostgres : IDisposable
{
    private readonly string _directory;
    private readonly string _bin;

    private BenchPostgres(string directory, string bin, int port) => (_directory, _bin, Port) = (directory, bin, port);

    public int Port { get; }

    public string ConnectionString(string database = "inbox") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Maximum Pool Size=50;Timeout=30;Command Timeout=120";

    public static BenchPostgres Start()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal)
            .Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL is not installed (apt-get install postgresql).");
        var directory = Path.Combine(Path.GetTempPath(), "inbox-bench", "pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            var pg = new BenchPostgres(directory, bin, ((IPEndPoint)probe.LocalEndpoint).Port);
            probe.Stop();
            if (Environment.UserName == "root") Run("chown", $"-R postgres:postgres {directory}", asPostgres: false);
            Run(Path.Combine(bin, "initdb"), $"-D {directory}/data -U postgres -A trust -E UTF8 --locale=C.UTF-8");
            Run(Path.Combine(bin, "pg_ctl"),
                $"-D {directory}/data -l {directory}/postgres.log -w -t 60 -o \"-p {pg.Port} -k {directory} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB\" start");
            using var admin = new NpgsqlConnection(pg.ConnectionString("postgres"));
            admin.Open();
            using var create = new NpgsqlCommand("CREATE DATABASE inbox TEMPLATE template0", admin);
            create.ExecuteNonQuery();
            return pg;
        }
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            Run(Path.Combine(_bin, "pg_ctl"), $"-D {_directory}/data -m fast -w stop");
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or TimeoutException)
        {
            Console.Error.WriteLine($"PostgreSQL cleanup: {ex.Message}");
        }
    }

    private static void Run(string program, string arguments, bool asPostgres = true)
    {
        var start = asPostgres && Environment.UserName == "root"
            ? new ProcessStartInfo("runuser", $"-u postgres -- {program} {arguments}")
            : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = "/tmp";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000)) throw new TimeoutException($"{program} did not finish");
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {arguments} failed ({process.ExitCode}): {output.Result}{error.Result}");
    }
}
