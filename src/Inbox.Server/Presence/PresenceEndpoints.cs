using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;
using Inbox.Server.Hubs;
using Inbox.Server.Live;

namespace Inbox.Server.Presence;

/// <summary>Agent status (Online/Away/Offline) and who has which thread open, for the console to show beside names.</summary>
public static class PresenceEndpoints
{
    public static IEndpointRouteBuilder MapPresenceApi(this IEndpointRouteBuilder app)
    {
        app.MapPut(Routes.MyAvailability, async (SetAvailabilityRequest request, HttpContext http, UserStore users, ILiveConnections connections,
            AgentPresence presence, CancellationToken ct) =>
        {
            if (request.Availability is not { } availability) return ApiProblems.Invalid("availability", "Choose online or away.");
            var userId = http.User.UserId();
            await users.SetAvailabilityAsync(userId, availability, ct);
            connections.AvailabilityChanged(userId, availability);
            // With several nodes the change reaches the node holding the console an instant later: answer with the choice.
            var connected = presence.StatusOf(userId) != AgentStatus.Offline;
            return Results.Ok(new AgentStatusDto(userId, !connected ? AgentStatus.Offline : availability == AgentAvailability.Away ? AgentStatus.Away : AgentStatus.Online));
        }).WithTags("Agents").RequireAuthorization().AddEndpointFilter<CookieAntiforgeryFilter>();

        app.MapGet(Routes.AgentStatuses, (AgentPresence presence) => presence.Statuses())
            .WithTags("Agents").RequireAuthorization();

        app.MapGet(Routes.ConversationViewers, (Viewer viewer, ConversationViewers viewers) => viewers.VisibleTo(viewer))
            .WithTags("Conversations").RequireAuthorization();
        return app;
    }
}
