using Inbox.Server.Hubs;

namespace Inbox.Server.Widget;

/// <summary>Is anyone there to answer? Within the channel's business hours and with an agent connected (to this node:
/// with several nodes an agent on another node is not seen yet, so the widget may ask for an email needlessly).</summary>
public sealed class WidgetAvailability(AgentConnections agents, TimeProvider time)
{
    public bool IsOnline(WidgetChannel channel) => channel.Settings.Hours.IsOpen(time.GetUtcNow()) && agents.AnyConnected;
}
