using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Server.Api;
using Inbox.Server.Messaging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Channels;

/// <summary>
/// The API channel's way in: an integration pushes a customer message with the channel's inbound token.
/// Verify → store (committed) → 200; a repeated message id answers 200 with duplicate=true and stores nothing.
/// </summary>
public static partial class ApiChannelInboundEndpoint
{
    public const long MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapApiChannelInbound(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/channels/{id:long}/inbound", HandleAsync)
            .WithTags("Channels")
            .AllowAnonymous()
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithSummary("Push an inbound customer message on an API channel (header X-Inbox-Channel-Token).");
        return app;
    }

    private static async Task<IResult> HandleAsync(long id, [FromHeader(Name = Routes.ChannelTokenHeader)] string? token, ApiInboundMessage? body,
        HttpContext http, ChannelCache channels, InboundPipeline pipeline, IOptions<MessagingOptions> options, TimeProvider time, ILoggerFactory logs, CancellationToken ct)
    {
        var log = logs.CreateLogger("Inbox.Channels.ApiInbound");
        var channel = await channels.GetAsync(id, ct);
        if (channel is null || channel.Type != ChannelTypes.Api)
        {
            LogRejected(log, id, "unknown channel");
            return ApiProblems.NotFound("Channel");
        }
        if (!IssuedSecrets.Matches(token, channel.InboundTokenHash))
        {
            LogRejected(log, id, "wrong or missing token");
            return ApiProblems.Unauthorized($"Missing or wrong {Routes.ChannelTokenHeader} for this channel.");
        }
        if (!channel.Enabled)
        {
            LogRejected(log, id, "channel disabled");
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This channel is disabled.");
        }

        var errors = Validate(id, body, options.Value, out var from);
        if (errors.Count > 0)
        {
            LogRejected(log, id, "invalid fields: " + string.Join(",", errors.Keys));
            return ApiProblems.Invalid(errors);
        }

        var message = new InboundMessage(id, body!.MessageId!.Trim(), from!, body.Sender!.Name, body.Text!, body.Timestamp ?? time.GetUtcNow());
        try
        {
            var result = await pipeline.AcceptAsync(message, ct);
            return Results.Ok(new ApiInboundAccepted(result.MessageId, result.ConversationId, result.ContactId, result.Duplicate));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Shutting down; retry the message.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not stored (the pipeline logged why): tell the integrator to retry rather than answer a bare 500.
            http.Response.Headers.RetryAfter = "5";
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The message could not be stored; retry it.");
        }
    }

    private static Dictionary<string, string[]> Validate(long channelId, ApiInboundMessage? body, MessagingOptions options, out ChannelAddress? from)
    {
        from = null;
        var errors = new Dictionary<string, string[]>();
        if (body is null)
        {
            errors["body"] = ["A JSON body is required."];
            return errors;
        }
        if (string.IsNullOrWhiteSpace(body.MessageId)) errors["messageId"] = ["messageId is required: it is how retries are recognised."];
        else if (body.MessageId.Length > 200) errors["messageId"] = ["messageId is longer than 200 characters."];
        if (string.IsNullOrWhiteSpace(body.Text)) errors["text"] = ["text is required."];
        else if (body.Text.Length > options.MaxTextLength) errors["text"] = [$"text is longer than {options.MaxTextLength} characters."];
        if (body.Sender is null || string.IsNullOrWhiteSpace(body.Sender.Address)) errors["sender.address"] = ["sender.address is required."];
        else
        {
            var ok = (body.Sender.Kind ?? "external").ToLowerInvariant() switch
            {
                "phone" => ChannelAddress.TryPhone(body.Sender.Address, options.DefaultPhoneRegion, out from),
                "email" => ChannelAddress.TryEmail(body.Sender.Address, out from),
                "external" => ChannelAddress.TryExternal(channelId, body.Sender.Address, out from),
                _ => false,
            };
            if (!ok) errors["sender"] = [$"sender is not a valid {body.Sender.Kind ?? "external"} address (kind is phone, email or external)."];
            if (body.Sender.Name is { Length: > 200 }) errors["sender.name"] = ["sender.name is longer than 200 characters."];
        }
        return errors;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected an inbound API message for channel {ChannelId}: {Reason}")]
    private static partial void LogRejected(ILogger logger, long channelId, string reason);
}
