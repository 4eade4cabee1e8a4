using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Inbox.E2E;

/// <summary>The real Inbox.Server as its own process on a free loopback port, over a throwaway data folder,
/// started exactly as README.md tells a user (only the port and folder differ).</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public const string AdminEmail = "admin@shop.test";
    public const string AdminPassword = "e2e-password-123";

    private readonly Process _process;
    private readonly string _dataDirectory;
    private readonly bool _ownsDirectory;

    private ServerProcess(Process process, string dataDirectory, bool ownsDirectory, Uri baseAddress)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        _ownsDirectory = ownsDirectory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string DataDirectory => _dataDirectory;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    /// <summary>Everything the server printed to standard output so far.</summary>
    public IReadOnlyList<string> Output => _output.ToList();

    /// <summary>Starts the server; with <paramref name="configuredAdmin"/> false it is a first run as README.md
    /// describes, where the server invents the admin password and prints it once. Nodes of one scale-out pass the same
    /// <paramref name="dataDirectory"/> (shared storage for keys and files) and <paramref name="environment"/>.</summary>
    /// <param name="publicAtItsAddress">Inbox:Webhooks:PublicBaseUrl set to the server's own address (links it mails point back at it).</param>
    public static async Task<ServerProcess> StartAsync(bool configuredAdmin = true, IReadOnlyDictionary<string, string>? environment = null, string? dataDirectory = null,
        string? serverDll = null, int? port = null, bool publicAtItsAddress = false)
    {
        port ??= FreePort();
        var ownsDirectory = dataDirectory is null;
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "inbox-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        serverDll ??= Path.Combine(ServerOutputDirectory(), "Inbox.Server.dll");
        var start = new ProcessStartInfo("dotnet", [serverDll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (configuredAdmin)
        {
            start.Environment["Inbox__Admin__Email"] = AdminEmail;
            start.Environment["Inbox__Admin__Password"] = AdminPassword;
        }
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        if (publicAtItsAddress) start.Environment["Inbox__Webhooks__PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = Process.Start(start)!;
        var server = new ServerProcess(process, dataDirectory, ownsDirectory, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) server._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) server._output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilUpAsync();
        return server;
    }

    private async Task WaitUntilUpAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Inbox.Server exited with {_process.ExitCode}");
            try
            {
                if ((await http.GetAsync("/login")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("Inbox.Server did not answer within 60 s");
    }

    /// <summary>The repository's root (where Inbox.sln is).</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Inbox.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Inbox.sln not found above " + AppContext.BaseDirectory);
    }

    private static string ServerOutputDirectory()
    {
        // tests/Inbox.E2E/bin/{Configuration}/net10.0 → src/Inbox.Server/bin/{Configuration}/net10.0
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent!.Name;
        var root = here.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(root, "src", "Inbox.Server", "bin", configuration, "net10.0");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The same server again, on the same port and data folder (after <see cref="KillAsync"/>): a restart. The
    /// caller disposes it; the folder stays this instance's.</summary>
    public Task<ServerProcess> StartAgainAsync() =>
        StartAsync(environment: null, dataDirectory: _dataDirectory, port: BaseAddress.Port);

    /// <summary>kill -9: no shutdown, no lease released, nothing flushed that was not already committed.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        if (_ownsDirectory)
        {
            try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
        }
    }
}
