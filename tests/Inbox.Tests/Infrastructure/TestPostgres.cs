using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Inbox.Tests.Infrastructure;

/// <summary>
/// The suite's database when <c>INBOX_TEST_DATABASE=postgres</c>: one throwaway PostgreSQL cluster from Debian's
/// packages per test run, on a free port under a temp folder, stopped when the run ends. Each server under test gets its
/// own database, named after its data folder, so a "restart" on the same folder finds the same data.
/// </summary>
public static class TestPostgres
{
    public static bool Enabled { get; } = string.Equals(Environment.GetEnvironmentVariable("INBOX_TEST_DATABASE"), "postgres", StringComparison.OrdinalIgnoreCase);

    private static readonly Lazy<Cluster> Instance = new(Cluster.Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The connection string of the database for <paramref name="dataDirectory"/>, created if new.</summary>
    public static string DatabaseFor(string dataDirectory)
    {
        var name = DatabaseName(dataDirectory);
        var cluster = Instance.Value;
        using var admin = new NpgsqlConnection(cluster.ConnectionString("postgres"));
        admin.Open();
        using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", admin);
        exists.Parameters.AddWithValue("n", name);
        if (exists.ExecuteScalar() is null)
        {
            using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE template0", admin);
            create.ExecuteNonQuery();
        }
        return cluster.ConnectionString(name);
    }

    public static void Drop(string dataDirectory)
    {
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(Instance.Value.ConnectionString("postgres"));
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {DatabaseName(dataDirectory)} WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }

    private static string DatabaseName(string dataDirectory) =>
        "inbox_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..24];

    private sealed class Cluster
    {
        private readonly string _directory;
        private readonly int _port;
        private readonly string _bin;

        private Cluster(string directory, int port, string bin) => (_directory, _port, _bin) = (directory, port, bin);

        public string ConnectionString(string database) =>
            $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Maximum Pool Size=20;Timeout=30;Command Timeout=60";

        public static Cluster Start()
        {
            var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal)
                .Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
                ?? throw new InvalidOperationException("PostgreSQL is not installed: ./test.sh installs it (apt-get install postgresql).");
            var directory = Path.Combine(Path.GetTempPath(), $"inbox-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
            Directory.CreateDirectory(directory);
            var port = FreePort();
            var cluster = new Cluster(directory, port, bin);
            cluster.AsPostgres("chown", $"-R postgres:postgres {directory}", asRoot: true);
            cluster.AsPostgres(Path.Combine(bin, "initdb"), $"-D {directory}/data -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8");
            // A test cluster: durability across power loss is not what these tests check, speed is.
            cluster.AsPostgres(Path.Combine(bin, "pg_ctl"),
                $"-D {directory}/data -l {directory}/postgres.log -w -t 60 -o \"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start");
            AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
            return cluster;
        }

        private void Stop()
        {
            try
            {
                AsPostgres(Path.Combine(_bin, "pg_ctl"), $"-D {_directory}/data -m immediate -w stop");
                Directory.Delete(_directory, recursive: true);
            }
            catch (Exception)
            {
                // The run is ending; a leftover temp folder is harmless.
            }
        }

        private void AsPostgres(string program, string arguments, bool asRoot = false)
        {
            var root = Environment.UserName == "root";
            if (asRoot && !root) return;
            var start = root && !asRoot
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

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
