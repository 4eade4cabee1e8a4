using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Inbox.E2E;

/// <summary>A shop's own website on another origin (another loopback port): serves the pages a test puts in it.</summary>
public sealed class ShopSite : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly ConcurrentDictionary<string, string> _pages = new(StringComparer.Ordinal);

    public ShopSite()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Origin = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Origin + "/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Origin { get; }

    public string Url(string path) => Origin + path;

    /// <summary>A page of the shop with the widget's tag, as the channel's settings show it, and whatever else it has.</summary>
    public void Page(string path, Uri inbox, string key, string head = "", string body = "<h1>Sofas</h1><p>Our catalogue.</p>") =>
        _pages[path] = $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Shop: {path}</title>{head}</head>
            <body>{body}
            <script src="{new Uri(inbox, "/widget.js")}" data-channel="{key}" async></script>
            </body></html>
            """;

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
            var path = context.Request.Url!.AbsolutePath;
            var found = _pages.TryGetValue(path, out var html);
            context.Response.StatusCode = found ? 200 : 404;
            context.Response.ContentType = "text/html; charset=utf-8";
            var bytes = Encoding.UTF8.GetBytes(html ?? "not found");
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
