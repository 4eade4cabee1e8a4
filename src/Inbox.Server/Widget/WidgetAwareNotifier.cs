using Inbox.Contracts;
using Inbox.Server.Hubs;
using Inbox.Server.Live;

namespace Inbox.Server.Widget;

/// <summary>The agents' notifier, plus: an agent typing in a conversation is shown in its visitors' widgets.</summary>
public sealed class WidgetAwareNotifier(SignalRInboxNotifier inner, VisitorStore visitors, WidgetLive live) : IInboxNotifier
{
    public Task PublishAsync(IReadOnlyList<LiveEvent> events, CancellationToken ct) => inner.PublishAsync(events, ct);

    public Task ReconnectUserAsync(long userId) => inner.ReconnectUserAsync(userId);

    public Task NotifyAsync(long userId, NotificationDto notification, CancellationToken ct) => inner.NotifyAsync(userId, notification, ct);

    public async Task TypingAsync(ConversationAudience audience, TypingDto typing, string? exceptConnectionId, CancellationToken ct)
    {
        await inner.TypingAsync(audience, typing, exceptConnectionId, ct);
        if (typing.UserId is null) return;
        var targets = await visitors.VisitorsOfConversationAsync(audience.ConversationId, ct);
        live.ToVisitors(targets, w => w.AgentTyping(typing.Name, typing.IsTyping));
    }
}
