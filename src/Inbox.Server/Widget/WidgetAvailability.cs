using Inbox.Server.Presence;

namespace Inbox.Server.Widget;

/// <summary>Is anyone there to answer? Within the channel's business hours and with an agent connected and Online, on
/// any node (an Away agent is not taking chats, as in Chatwoot).</summary>
public sealed class WidgetAvailability(AgentPresence agents, TimeProvider time)
{
    public bool IsOnline(WidgetChannel channel) => channel.Settings.Hours.IsOpen(time.GetUtcNow()) && agents.AnyOnline;
}
