using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Contacts;

namespace Inbox.Server.Handoff;

public static class HandoffEndpoints
{
    private static bool English(HttpContext http, string? language) =>
        language is not null ? EmailHandoffText.English(language) : EmailHandoffText.English(http.Request.Headers.AcceptLanguage.ToString());

    private static IResult Page(HttpContext http, int status, string html)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    public static IEndpointRouteBuilder MapHandoffApi(this IEndpointRouteBuilder app)
    {
        var agents = app.MapGroup("/api").WithTags("Hand-off").RequireAuthorization().AddEndpointFilter<CookieAntiforgeryFilter>();

        agents.MapPost("/conversations/{id:long}/handoff", async (long id, HandoffRequest request, Viewer viewer, Handoffs handoffs, CancellationToken ct) =>
                (await handoffs.OfferForConversationAsync(viewer, id, request.ChannelId, ct)).ToHttp())
            .WithSummary("A one-time link for the customer to continue this conversation on a Telegram, WhatsApp or SMS channel.");

        agents.MapGet("/conversations/{id:long}/reachability", async (long id, Viewer viewer, Reachability reachability, CancellationToken ct) =>
                (await reachability.ForConversationAsync(viewer, id, ct)).ToHttp())
            .WithSummary("The channels a reply can take now, the one the customer last wrote on first, each with why it cannot deliver.");

        agents.MapGet("/contacts/{id:long}/links", async (long id, Viewer viewer, IdentityLinks links, CancellationToken ct) =>
                (await links.ListAsync(viewer, id, ct)).ToHttp())
            .WithSummary("Why each identity joined the contact automatically (hand-off code, shared contact, verified widget identity).");

        agents.MapPost("/contacts/{id:long}/identities/{identityId:long}/split", async (long id, long identityId, Viewer viewer, IdentitySplit split, CancellationToken ct) =>
                (await split.SplitAsync(viewer, id, identityId, ct)).ToHttp())
            .WithSummary("Undoes a wrong link: the identity and its messages move to a new contact and thread.");

        // The page a "send me replies by email" link opens, for the visitor (no console, no sign-in).
        var page = app.MapGroup(HandoffRoutes.EmailConfirmPage).AllowAnonymous().ExcludeFromDescription().RequireRateLimiting(Widget.WidgetEndpoints.RateLimit);
        page.MapGet("", (HttpContext http) => Page(http, StatusCodes.Status200OK, EmailHandoffText.ConfirmPage(English(http, null))));
        page.MapPost("", async (HttpContext http, EmailHandoffs handoffs, CancellationToken ct) =>
        {
            var token = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(ct))["token"].ToString() : null;
            var outcome = await handoffs.ConfirmAsync(token, ct);
            var status = outcome.Result switch
            {
                EmailConfirmationResult.Confirmed => StatusCodes.Status200OK,
                EmailConfirmationResult.Unknown => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status410Gone,
            };
            return Page(http, status, EmailHandoffText.ResultPage(outcome, English(http, outcome.Language)));
        });
        return app;
    }
}
