using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;
using Inbox.Server.Channels;

namespace Inbox.Server.Widget;

/// <summary>Agents: who is on the sites now (live over AgentHub as VisitorUpdated/VisitorLeft), and starting a chat with one.</summary>
public static class LiveVisitorEndpoints
{
    public static IEndpointRouteBuilder MapLiveVisitorsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(WidgetRoutes.LiveVisitors).WithTags("Visitors").RequireAuthorization().AddEndpointFilter<CookieAntiforgeryFilter>();
        group.MapGet("", (IVisitorPresence presence) => presence.Online())
            .WithSummary("Website visitors on the sites now (this node), newest visit first.");
        group.MapPost("/{visitorId}/invite", async (string visitorId, InviteVisitorRequest request, Viewer viewer, ProactiveChat chat, CancellationToken ct) =>
                (await chat.InviteAsync(viewer, visitorId, request, ct)).ToHttp())
            .WithSummary("Start the chat: the agent's message opens the visitor's widget.");
        app.MapGet("/api/channels/{id:long}/widget", async (long id, HttpRequest request, ChannelStore channels,
                Microsoft.Extensions.Options.IOptions<WebhookOptions> webhooks, CancellationToken ct) =>
            {
                if (await channels.GetAsync(id, ct) is not { Type: ChannelTypes.WebChat } channel) return ApiProblems.NotFound("Website chat channel");
                var server = webhooks.Value.PublicBase(request);
                return Results.Ok(new WidgetSnippetDto(channel.WebhookKey,
                    $"<script src=\"{server}{WidgetRoutes.Script}\" data-channel=\"{channel.WebhookKey}\" async></script>"));
            })
            .WithTags("Channels")
            .RequireAuthorization(AuthExtensions.AdminPolicy)
            .WithSummary("A website chat channel's script tag, to paste into the site.");
        return app;
    }
}
