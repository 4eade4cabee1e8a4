using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace Inbox.Bench;

/// <summary>This bench executable in <c>bare</c> mode (<see cref="BareServer"/>) as its own process on a free port.</summary>
public sealed class BareProcess : IAsyncDisposable
{
    private readonly Process _process;

    private BareProcess(Process process, Uri baseAddress) => (_process, BaseAddress) = (process, baseAddress);

    public Uri BaseAddress { get; }
    public int ProcessId => _process.Id;

    public static async Task<BareProcess> StartAsync(CancellationToken ct)
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        start.ArgumentList.Add("bare");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the bare server.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var bare = new BareProcess(process, baseAddress);
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(30); await Task.Delay(100, ct))
        {
            if (process.HasExited) throw new InvalidOperationException($"The bare server exited with code {process.ExitCode}.");
            try
            {
                using var response = await http.PostAsync($"/api/channels/{BareServer.OkChannel}/inbound",
                    new StringContent("""{"text":"ping"}""", Encoding.UTF8, "application/json"), ct);
                if (response.IsSuccessStatusCode) return bare;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
        }
        await bare.DisposeAsync();
        throw new TimeoutException("The bare server did not answer within 30 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
