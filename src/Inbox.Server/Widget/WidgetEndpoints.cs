using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Server.Api;
using Inbox.Server.Files;

namespace Inbox.Server.Widget;

/// <summary>
/// The widget's HTTP calls, anonymous and rate-limited per client address and channel. <see cref="WidgetCors"/> has already
/// found the channel and checked the Origin; the visitor's token comes in the <c>X-Inbox-Visitor</c> header.
/// </summary>
public static class WidgetEndpoints
{
    public const string RateLimit = "widget";
    /// <summary>Uploads spend from a budget of their own (per client address and channel, per minute): each may be 10 MB.</summary>
    public const string UploadRateLimit = "widget-uploads";

    public static IEndpointRouteBuilder MapWidgetApi(this IEndpointRouteBuilder app)
    {
        var widget = app.MapGroup("/api/widget/{key}").WithTags("Widget").AllowAnonymous().RequireRateLimiting(RateLimit);

        widget.MapPost("/sessions", async (HttpContext http, WidgetSessionRequest? request, VisitorSessions sessions, CancellationToken ct) =>
                Channel(http) is { } channel ? Results.Ok(await sessions.StartAsync(channel, request ?? new WidgetSessionRequest(null), ct)) : ApiProblems.NotFound("Channel"))
            .WithSummary("Starts a visitor session, or resumes the one whose token is given (the token is returned only when new).");

        widget.MapDelete("/sessions", async (HttpContext http, VisitorSessions sessions, CancellationToken ct) =>
                await WithVisitorAsync(http, sessions, ct, async (_, visitor) =>
                {
                    await sessions.ResetAsync(visitor, ct);
                    return Results.NoContent();
                }))
            .WithSummary("Inbox.reset(): the visitor's token stops working; the next session is a new visitor.");

        widget.MapGet("/messages", async (HttpContext http, long? after, VisitorSessions sessions, CancellationToken ct) =>
                await WithVisitorAsync(http, sessions, ct, async (_, visitor) =>
                    Results.Ok(new WidgetHistoryDto(await sessions.HistoryAsync(visitor, after ?? 0, ct)))))
            .WithSummary("The visitor's own thread (no private notes), oldest first, after a message id.");

        widget.MapPost("/messages", async (HttpContext http, WidgetSendRequest request, VisitorSessions sessions, IVisitorPresence presence, WidgetLive live,
                VisitorStore visitors, CancellationToken ct) =>
                await WithVisitorAsync(http, sessions, ct, async (channel, visitor) =>
                {
                    var sent = await sessions.SendAsync(channel, visitor, request, ct);
                    if (sent.Value is not null && await visitors.ThreadAsync(visitor.Id, ct) is { ConversationId: { } conversationId }
                        && presence.InConversation(visitor.Id, conversationId) is { } updated)
                        live.VisitorUpdated(updated);
                    return sent.ToHttp();
                }))
            .WithSummary("The visitor writes: the message lands in the agents' inbox like any channel's.");

        widget.MapPost("/files", async (HttpContext http, VisitorSessions sessions, VisitorFiles files, CancellationToken ct) =>
                await WithVisitorAsync(http, sessions, ct, async (channel, visitor) =>
                    (await files.UploadAsync(visitor, http.Request, ct)).ToHttp(upload => Results.Created((string?)null, upload))))
            .RequireRateLimiting(UploadRateLimit)
            .WithSummary("The visitor uploads a file (multipart, field 'file'; 413 over the limit, 415 when its bytes are not a picture, PDF, text, office document, audio or video), then sends a message naming it.");

        widget.MapGet("/attachments/{id:long}", async (HttpContext http, long id, VisitorSessions sessions, VisitorFiles files, CancellationToken ct) =>
                await WithVisitorAsync(http, sessions, ct, async (_, visitor) =>
                    await files.DownloadAsync(visitor, id, ct) is { } download
                        ? AttachmentDownloads.Serve(http.Response, download.File.FileName, download.File.ContentType, download.Content)
                        : ApiProblems.NotFound("Attachment")))
            .WithSummary("A file of the visitor's own thread: pictures inline, anything else as a download.");

        widget.MapPost("/identify", async (HttpContext http, WidgetIdentifyRequest request, VisitorSessions sessions, IVisitorPresence presence, WidgetLive live, CancellationToken ct) =>
                await WithVisitorAsync(http, sessions, ct, async (channel, visitor) =>
                {
                    var user = await sessions.IdentifyAsync(channel, visitor, request, ct);
                    if (user.Value is { } u && presence.Identified(visitor.Id, u) is { } updated) live.VisitorUpdated(updated);
                    return user.ToHttp();
                }))
            .WithSummary("Inbox.setUser(): with a valid identity hash the visitor joins the known contact and sees its history.");

        widget.MapPost("/email", async (HttpContext http, WidgetEmailRequest request, VisitorSessions sessions, CancellationToken ct) =>
                await WithVisitorAsync(http, sessions, ct, async (_, visitor) =>
                {
                    if (!ChannelAddress.TryEmail(request.Email, out var email)) return ApiProblems.Invalid("email", "Not an email address.");
                    await sessions.SetOfflineEmailAsync(visitor, email, ct);
                    return Results.NoContent();
                }))
            .WithSummary("Offline: where the visitor wants the answer (kept on the visitor; it never merges contacts).");

        widget.MapPost("/handoff", async (HttpContext http, HandoffRequest request, VisitorSessions sessions, Handoff.Handoffs handoffs, CancellationToken ct) =>
                await WithVisitorAsync(http, sessions, ct, async (channel, visitor) =>
                    (await handoffs.OfferToAddressAsync(ChannelAddress.WebVisitor(Guid.ParseExact(visitor.Id, "N")), visitor.Name, channel.Id, request.ChannelId, ct)).ToHttp()))
            .WithSummary("\"Continue on Telegram / WhatsApp\": a one-time code (30 minutes) and the link that carries it; sending it there joins this thread.");

        widget.MapPost("/email-handoff", async (HttpContext http, EmailHandoffRequest request, VisitorSessions sessions, Handoff.EmailHandoffs handoffs, CancellationToken ct) =>
                await WithVisitorAsync(http, sessions, ct, async (channel, visitor) =>
                {
                    if (!ChannelAddress.TryEmail(request.Email, out var email)) return ApiProblems.Invalid("email", "Not an email address.");
                    if (await handoffs.ThrottledAsync(visitor, email, ct))
                        return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many verification emails this hour: try again later.");
                    return (await handoffs.RequestAsync(channel, visitor, email, request.Language, ct)).ToHttp(dto => Results.Accepted(value: dto));
                }))
            .WithSummary("\"Send me replies by email\": mails a one-time link (24 hours) to the address; only opening it joins the address to this thread.");
        return app;
    }

    private static WidgetChannel? Channel(HttpContext http) => http.Items[typeof(WidgetChannel)] as WidgetChannel;

    private static async Task<IResult> WithVisitorAsync(HttpContext http, VisitorSessions sessions, CancellationToken ct, Func<WidgetChannel, Visitor, Task<IResult>> action)
    {
        if (Channel(http) is not { } channel) return ApiProblems.NotFound("Channel");
        var visitor = await sessions.AuthenticateAsync(channel, http.Request.Headers[WidgetRoutes.VisitorHeader].ToString(), ct);
        return visitor is null ? ApiProblems.Unauthorized("Unknown or expired visitor token: start a session.") : await action(channel, visitor);
    }
}
