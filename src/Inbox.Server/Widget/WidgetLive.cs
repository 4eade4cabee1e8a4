using Inbox.Contracts;
using Inbox.Server.Hubs;
using Inbox.Server.Live;
using Microsoft.AspNetCore.SignalR;

namespace Inbox.Server.Widget;

/// <summary>Group names of the widget hub: one per visitor (all its open tabs).</summary>
public static class WidgetGroups
{
    public static string Visitor(string visitorId) => "visitor:" + visitorId;
}

/// <summary>
/// Live pushes about website visitors: to the visitors' widgets (agent replies, typing, invitations) and to the agents
/// (live visitors, sneak peek). Ephemeral and never awaited on the network: a slow widget never slows a reply or an agent.
/// </summary>
public sealed partial class WidgetLive(IHubContext<WidgetHub, IWidgetClient> widgets, ILivePush agents, ILogger<WidgetLive> logger)
{
    public void ToVisitors(IReadOnlyList<string> visitorIds, Func<IWidgetClient, Task> call)
    {
        if (visitorIds.Count == 0) return;
        var clients = widgets.Clients.Groups(visitorIds.Select(WidgetGroups.Visitor).ToList());
        _ = Observe(call(clients));
    }

    public void VisitorUpdated(LiveVisitorDto visitor) =>
        agents.Push([HubGroups.Everyone], nameof(IAgentVisitorClient.VisitorUpdated), [visitor]);

    public void VisitorLeft(string visitorId) =>
        agents.Push([HubGroups.Everyone], nameof(IAgentVisitorClient.VisitorLeft), [visitorId]);

    /// <summary>Sneak peek: to the agents who may see the visitor's conversation (every agent while it has none).</summary>
    public void Draft(VisitorDraftDto draft, ConversationAudience? audience) =>
        agents.Push(audience is null ? [HubGroups.Everyone] : HubGroups.For(audience), nameof(IAgentVisitorClient.VisitorDraft), [draft]);

    private async Task Observe(Task push)
    {
        try
        {
            await push;
        }
        catch (Exception ex)
        {
            LogPushFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A push to website visitors failed")]
    private partial void LogPushFailed(Exception ex);
}
