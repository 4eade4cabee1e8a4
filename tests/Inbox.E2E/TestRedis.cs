using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Inbox.E2E;

/// <summary>A throwaway redis-server from Debian's package on a free loopback port, nothing persisted.</summary>
public sealed class TestRedis : IAsyncDisposable
{
    private readonly Process _process;

    private TestRedis(Process process, int port) => (_process, Port) = (process, port);

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<TestRedis> StartAsync()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var start = new ProcessStartInfo("redis-server", ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server is not installed: ./test.sh installs it.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var redis = new TestRedis(process, port);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return redis;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
