using Inbox.Contracts;
using Inbox.Server.Live;

namespace Inbox.Server.Hubs;

/// <summary>
/// Pushes committed events to the agents allowed to see them. Never waits on the network: each call is queued per
/// connection (<see cref="AgentHubLifetimeManager.Push"/>, through Redis when there are several nodes), so the inbound
/// writer takes its next batch at once.
/// </summary>
public sealed class SignalRInboxNotifier(ILivePush hub, ILiveConnections connections) : IInboxNotifier
{
    public Task PublishAsync(IReadOnlyList<LiveEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            var method = e.Payload switch
            {
                MessageDto when e.Type == EventTypes.MessageReceived => nameof(IAgentClient.MessageReceived),
                MessageDto when e.Type == EventTypes.MessageEdited => nameof(IAgentClient.MessageEdited),
                MessageDto => nameof(IAgentClient.MessageCreated),
                MessageStatusDto => nameof(IAgentClient.MessageStatusChanged),
                ConversationDto => nameof(IAgentClient.ConversationUpdated),
                ConversationRemovedDto => nameof(IAgentClient.ConversationRemoved),
                ReservationDto => nameof(IAgentClient.ReservationChanged),
                _ => null,
            };
            if (method is not null) hub.Push(HubGroups.For(e.Audience), method, [e.EventId, e.Payload]);
        }
        return Task.CompletedTask;
    }

    public Task ReconnectUserAsync(long userId)
    {
        connections.CloseUser(userId);
        return Task.CompletedTask;
    }

    public Task NotifyAsync(long userId, NotificationDto notification, CancellationToken ct)
    {
        hub.Push([HubGroups.User(userId)], nameof(IAgentClient.Notified), [notification]);
        return Task.CompletedTask;
    }

    public Task TypingAsync(ConversationAudience audience, TypingDto typing, string? exceptConnectionId, CancellationToken ct)
    {
        hub.Push([HubGroups.Conversation(audience.ConversationId)], nameof(IAgentClient.Typing), [typing], exceptConnectionId);
        return Task.CompletedTask;
    }
}
