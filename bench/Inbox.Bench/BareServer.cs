using System.Text.Json;
using Inbox.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inbox.Bench;

/// <summary>
/// The ceilings the product's HTTP and live paths are measured against, on the same machine in the same run:
/// <c>bench bare --urls …</c> runs a bare Kestrel app in its own process. <c>POST /api/channels/1/inbound</c> reads the
/// body and answers 200 (bare Kestrel); <c>POST /api/channels/2/inbound</c> also reads the message text and broadcasts it
/// as <c>MessageReceived</c> to every client of a bare hub at <c>/hubs/agent</c> before answering (bare SignalR);
/// <c>POST /api/bare/clients/{connectionId}</c> sends its JSON string to that one client (the widget-connections ceiling).
/// </summary>
public static class BareServer
{
    public const long OkChannel = 1;
    public const long PushChannel = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSignalR();
        var app = builder.Build();
        var sequence = 0L;
        app.MapPost("/api/channels/{id:long}/inbound", async (long id, HttpRequest request, IHubContext<BareHub> hub) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            if (id == PushChannel)
            {
                var text = body.RootElement.GetProperty("text").GetString() ?? "";
                var n = Interlocked.Increment(ref sequence);
                var message = new MessageDto(n, 1, MessageDirection.Inbound, false, text, MessageStatus.Received, null, 1, ChannelTypes.Api,
                    1, null, null, null, [], DateTimeOffset.UtcNow);
                await hub.Clients.All.SendAsync(nameof(IAgentClient.MessageReceived), n, message);
            }
            return Results.Ok();
        });
        // The widget-connections ceiling (WidgetBench): one message to one of many connections.
        app.MapPost("/api/bare/clients/{connectionId}", async (string connectionId, HttpRequest request, IHubContext<BareHub> hub) =>
        {
            var text = await JsonSerializer.DeserializeAsync<string>(request.Body) ?? "";
            await hub.Clients.Client(connectionId).SendAsync(nameof(IWidgetClient.Invitation), text);
            return Results.Ok();
        });
        app.MapHub<BareHub>(Routes.AgentHub);
        // The console-load ceiling (ConsoleLoadBench): a static page that fetches one file per given size, all in parallel.
        app.MapGet("/static/", () => Results.Content(StaticPage, "text/html"));
        app.MapGet("/static/blob/{n:int}", (int n, int size) => Results.Bytes(Blob.AsMemory(0, Math.Min(size, Blob.Length)).ToArray(), "application/octet-stream"));
        await app.RunAsync();
        return 0;
    }

    public sealed class BareHub : Hub;

    // Random bytes: incompressible, like the console's brotli bodies.
    private static readonly byte[] Blob = RandomBytes(16 * 1024 * 1024);

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(23).NextBytes(bytes);
        return bytes;
    }

    private const string StaticPage = """
        <!DOCTYPE html><html><body><script>
        const sizes = (new URLSearchParams(location.search).get('sizes') || '').split(',').filter(s => s).map(Number);
        Promise.all(sizes.map((s, i) => fetch(`blob/${i}?size=${s}`).then(r => r.arrayBuffer())))
          .then(() => { const d = document.createElement('div'); d.id = 'done'; d.textContent = 'done'; document.body.appendChild(d); });
        </script></body></html>
        """;
}
