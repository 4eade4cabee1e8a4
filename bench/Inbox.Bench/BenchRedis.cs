using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Inbox.Bench;

/// <summary>A throwaway redis-server (Debian's package) for the two-node run: nothing persisted.</summary>
public sealed class BenchRedis : IDisposable
{
    private readonly Process _process;

    private BenchRedis(Process process, int port) => (_process, Port) = (process, port);

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<BenchRedis> StartAsync()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo("redis-server", ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server is not installed (apt-get install redis-server).");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var deadline = Stopwatch.StartNew(); ; await Task.Delay(100))
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return new BenchRedis(process, port);
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(20) && !process.HasExited) { }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
