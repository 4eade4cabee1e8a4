using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Inbox.E2E;

/// <summary>An integrator's webhook on loopback: counts deliveries per idempotency key; can hold requests open.</summary>
public sealed class WebhookSink : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public WebhookSink()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    /// <summary>Attempts per Idempotency-Key (every request, also those cut off by a dying server).</summary>
    public ConcurrentDictionary<string, int> Attempts { get; } = new();

    /// <summary>While set, requests are held open this long before the answer (a slow integrator).</summary>
    public TimeSpan Hold { get; set; }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                var key = context.Request.Headers["Idempotency-Key"] ?? "none";
                Attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
                if (Hold > TimeSpan.Zero) await Task.Delay(Hold);
                context.Response.StatusCode = 200;
                context.Response.Close();
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
