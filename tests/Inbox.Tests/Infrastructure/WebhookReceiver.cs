using System.Collections.Concurrent;
using System.Net;
using Inbox.Connectors.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inbox.Tests.Infrastructure;

/// <summary>
/// An integrator's webhook on a real loopback port: verifies our signature, answers with the status the test
/// chooses, and (like a careful integrator) accepts each idempotency key once.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Delivery> _deliveries = new();
    private readonly ConcurrentDictionary<string, int> _accepted = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private WebhookReceiver(WebApplication app, string secret)
    {
        _app = app;
        Secret = secret;
    }

    public string Secret { get; set; }

    /// <summary>What the next deliveries are answered with.</summary>
    public HttpStatusCode Answer { get; set; } = HttpStatusCode.OK;

    /// <summary>The provider message id answered as {"id": ...} for an idempotency key; none (an empty 2xx) by default.</summary>
    public Func<string, string>? AnswerId { get; set; }

    public string Url { get; private set; } = "";

    public IReadOnlyList<Delivery> Deliveries => _deliveries.ToList();

    /// <summary>Deliveries answered 2xx, one per idempotency key (repeats are acknowledged but not counted twice).</summary>
    public IReadOnlyDictionary<string, int> AcceptedKeys => _accepted;

    public static async Task<WebhookReceiver> StartAsync(string secret = "")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, secret);
        app.MapPost("/hook", receiver.HandleAsync);
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var key = request.Headers[ApiWebhookSignature.IdempotencyHeader].ToString();
        var signed = ApiWebhookSignature.Verify(Secret, request.Headers[ApiWebhookSignature.TimestampHeader], request.Headers[ApiWebhookSignature.SignatureHeader],
            body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        var answer = signed ? Answer : HttpStatusCode.Unauthorized;
        if ((int)answer is >= 200 and < 300) _accepted.AddOrUpdate(key, 1, (_, n) => n);
        _deliveries.Enqueue(new Delivery(key, body, signed, answer));
        _arrived.Release();
        return (int)answer is >= 200 and < 300 && AnswerId is { } id
            ? Results.Json(new { id = id(key) }, statusCode: (int)answer)
            : Results.StatusCode((int)answer);
    }

    public async Task<Delivery> WaitForDeliveryAsync(Func<Delivery, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var hit = _deliveries.FirstOrDefault(match);
            if (hit is not null) return hit;
            try { await _arrived.WaitAsync(cts.Token); }
            catch (OperationCanceledException) { throw new Xunit.Sdk.XunitException($"No matching webhook delivery; got {_deliveries.Count}"); }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record Delivery(string IdempotencyKey, string Body, bool SignatureValid, HttpStatusCode Answer);
}
