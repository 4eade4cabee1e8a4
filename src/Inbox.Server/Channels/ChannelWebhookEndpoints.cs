using System.Buffers;
using Inbox.Connectors.Abstractions;
using Inbox.Connectors.Api;
using Inbox.Contracts;
using Inbox.Server.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Channels;

/// <summary>
/// Every channel's webhooks arrive here: <c>POST /webhooks/{key}</c>, where the key is the channel's unguessable
/// webhook key (no sequential id to enumerate, no secret in the path). Verify (the connector, failing closed) → parse
/// (pure) → store and commit → answer what the connector asks. The API channel keeps its documented
/// <c>/api/channels/{id}/inbound</c>, handled the same way.
/// </summary>
public static partial class ChannelWebhookEndpoints
{
    public const string Prefix = "/webhooks";

    public static IEndpointRouteBuilder MapChannelWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost(Prefix + "/{key}", async (string key, HttpContext http, ChannelCache channels, ChannelWebhookHandler handler, CancellationToken ct) =>
                await handler.HandleAsync(key.Length is > 0 and <= 100 ? await channels.GetByWebhookKeyAsync(key, ct) : null, http, ct))
            .WithTags("Channels")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.Webhooks)
            .WithSummary("A provider's webhook for one channel (the URL shown in the channel's settings).");

        app.MapPost("/api/channels/{id:long}/inbound", async (long id, HttpContext http, ChannelCache channels, ChannelWebhookHandler handler, CancellationToken ct) =>
            {
                var found = await channels.GetWithContextAsync(id, ct);
                // An unknown id answers exactly like a wrong token, so ids cannot be probed without credentials.
                return found is { Channel.Type: ChannelTypes.Api }
                    ? await handler.HandleAsync(found, http, ct)
                    : ApiProblems.Unauthorized(ApiChannelReceiver.Refused);
            })
            .WithTags("Channels")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.Webhooks)
            .Accepts<ApiInboundMessage>("application/json")
            .Produces<ApiInboundAccepted>()
            .WithSummary("Push an inbound customer message on an API channel (header X-Inbox-Channel-Token).");
        return app;
    }
}

/// <summary>One webhook call, from the raw request to the provider's answer.</summary>
public sealed partial class ChannelWebhookHandler(
    ChannelConnectors connectors,
    ChannelInputWriter writer,
    WebhookHealth health,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<ChannelWebhookHandler> logger)
{
    public async Task<IResult> HandleAsync((Channel Channel, ChannelContext Context)? found, HttpContext http, CancellationToken ct)
    {
        if (found is not { } f || connectors.Receiver(f.Channel.Type) is not { } receiver) return ApiProblems.NotFound("Webhook");
        var (channel, context) = f;

        var body = await ReadBodyAsync(http, ct);
        if (body is not { } raw) return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"The body is larger than {options.Value.MaxBodyBytes} bytes.");
        var request = new WebhookRequest(PublicUrl(http.Request), http.Request.Method, Headers(http.Request), raw, time.GetUtcNow());

        var verdict = receiver.Verify(context, request);
        if (!verdict.Authentic)
        {
            LogRefused(channel.Id, verdict.StatusCode);
            health.Refused(channel.Id, $"A webhook call was refused ({verdict.StatusCode}): {verdict.Reason ?? "not authentic"}. Check the secret and the public URL the provider calls.");
            return Results.Problem(statusCode: verdict.StatusCode, title: verdict.Reason ?? "The request is not authentic.");
        }
        if (channel.ArchivedAt is not null)
        {
            LogRefused(channel.Id, StatusCodes.Status410Gone);
            return Results.Problem(statusCode: StatusCodes.Status410Gone, title: "This channel was archived: it takes no more messages.");
        }
        if (!channel.Enabled)
        {
            LogRefused(channel.Id, StatusCodes.Status403Forbidden);
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This channel is disabled.");
        }
        var parsed = receiver.Parse(context, request);
        if (parsed.Input is not { } input)
        {
            LogMalformed(channel.Id, string.Join(",", parsed.Errors.Keys));
            health.Refused(channel.Id, $"A webhook body could not be read ({string.Join(", ", parsed.Errors.Keys)}).");
            return ApiProblems.Invalid(parsed.Errors.ToDictionary());
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(options.Value.AnswerWithin);
        try
        {
            var receipts = await writer.WriteAsync(input, null, budget.Token);
            var answer = receiver.Acknowledge(context, input, receipts);
            health.Stored(channel.Id);
            return answer.Body is null ? Results.StatusCode(answer.StatusCode) : Results.Content(answer.Body, answer.ContentType, statusCode: answer.StatusCode);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            health.Refused(channel.Id, "A webhook call could not be stored in time and was answered 503 (the provider retries).");
            return RetryLater(http, "The message could not be stored in time; retry it.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not stored (the pipeline logged why): ask the provider to retry rather than answer a bare 500.
            health.Refused(channel.Id, "A webhook call could not be stored and was answered 503 (the provider retries).");
            return RetryLater(http, "The message could not be stored; retry it.");
        }
    }

    private static IResult RetryLater(HttpContext http, string title)
    {
        http.Response.Headers.RetryAfter = "5";
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: title);
    }

    /// <summary>The URL as the provider called it: the configured public base (behind a proxy) or the request's own.</summary>
    private Uri PublicUrl(HttpRequest r) => new(options.Value.PublicBase(r) + r.Path + r.QueryString);

    private static Dictionary<string, string> Headers(HttpRequest r)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in r.Headers) headers[name] = values.ToString();
        return headers;
    }

    private async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext http, CancellationToken ct)
    {
        var max = options.Value.MaxBodyBytes;
        if (http.Request.ContentLength > max) return null;
        // Most providers send Content-Length: the body is read straight into one array of that size (the server ends
        // the body there). Only a chunked body is gathered in pieces (a 16 KB buffer per request was most of the
        // webhook's allocations).
        if (http.Request.ContentLength is { } length)
        {
            var exact = new byte[length];
            await http.Request.Body.ReadExactlyAsync(exact, ct);
            return exact;
        }
        using var buffer = new MemoryStream(4096);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > max) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a webhook for channel {ChannelId} with {Status}")]
    private partial void LogRefused(long channelId, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Malformed webhook for channel {ChannelId}: {Fields}")]
    private partial void LogMalformed(long channelId, string fields);
}
