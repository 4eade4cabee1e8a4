using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Contacts;

namespace Inbox.Server.Handoff;

public static class HandoffEndpoints
{
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
        return app;
    }
}
