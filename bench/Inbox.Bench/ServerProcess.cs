using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Inbox.Bench;

/// <summary>The real Inbox.Server as a child process on a free loopback port, over a fresh data directory.</summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    public const string AdminEmail = "bench@inbox.test";
    public const string AdminPassword = "bench-correct-horse-battery";

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly bool _keepData;

    private ServerProcess(Process process, StreamWriter log, Uri baseAddress, string dataDirectory, bool keepData)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
        _keepData = keepData;
    }

    public Uri BaseAddress { get; }
    public string DataDirectory { get; }
    public string DatabasePath => Path.Combine(DataDirectory, "inbox.db");
    public string LogPath { get; private init; } = "";
    public int ProcessId => _process.Id;

    /// <summary>Nodes of one cluster share <paramref name="dataDirectory"/> (encryption keys and files live there).</summary>
    public static async Task<ServerProcess> StartAsync(BenchOptions options, CancellationToken ct, IReadOnlyDictionary<string, string>? environment = null, string? dataDirectory = null)
    {
        if (!File.Exists(options.ServerDll))
            throw new FileNotFoundException($"No server build at {options.ServerDll}; run bench/run.sh (it builds Release first).");
        var port = FreePort();
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "inbox-bench", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss") + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(dataDirectory);
        var baseAddress = new Uri($"http://127.0.0.1:{port}");

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(options.ServerDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(options.ServerDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Inbox__DataDirectory"] = dataDirectory;
        start.Environment["Inbox__Admin__Email"] = AdminEmail;
        start.Environment["Inbox__Admin__Password"] = AdminPassword;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // The bench measures the pipeline, not the per-channel flood limit (2,000/s by default): one channel carries it all.
        start.Environment["Inbox__Webhooks__PermitsPerSecond"] = "1000000";
        foreach (var (key, value) in (environment ?? new Dictionary<string, string>()).Concat(options.ServerSettings))
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var logPath = Path.Combine(dataDirectory, File.Exists(Path.Combine(dataDirectory, "server.log")) ? $"server-{port}.log" : "server.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, log, baseAddress, dataDirectory, options.KeepData) { LogPath = logPath };
        try
        {
            await server.WaitUntilAnsweringAsync(TimeSpan.FromSeconds(60), ct);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The server exited with code {_process.ExitCode} at start-up; see {LogPath}:\n{Tail()}");
            try
            {
                using var response = await http.GetAsync("/api/auth/me", ct);
                return; // 401 is an answer: the pipeline is up.
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(100, ct);
        }
        throw new TimeoutException($"The server did not answer within {timeout.TotalSeconds:0} s; see {LogPath}:\n{Tail()}");
    }

    public string Tail(int lines = 30)
    {
        lock (_log)
        {
            _log.Flush();
            try
            {
                using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                var all = new StreamReader(stream).ReadToEnd().Split('\n');
                return string.Join('\n', all.TakeLast(lines));
            }
            catch (IOException) { return ""; }
        }
    }

    /// <summary>SIGTERM, so the host shuts down (and SQLite checkpoints its WAL) as it would in production.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        _ = Kill(_process.Id, 15);
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        lock (_log) _log.Dispose();
        if (!_keepData)
        {
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
