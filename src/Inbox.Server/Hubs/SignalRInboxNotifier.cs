using Inbox.Contracts;
using Inbox.Server.Live;
using Microsoft.AspNetCore.SignalR;

namespace Inbox.Server.Hubs;

/// <summary>Pushes committed events to the agents allowed to see them.</summary>
public sealed class SignalRInboxNotifier(IHubContext<AgentHub, IAgentClient> hub, ILiveConnections connections) : IInboxNotifier
{
    public async Task PublishAsync(IReadOnlyList<LiveEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            var clients = hub.Clients.Groups(HubGroups.For(e.Audience));
            await (e.Payload switch
            {
                MessageDto m when e.Type == AgentEventTypes.MessageReceived => clients.MessageReceived(e.EventId, m),
                MessageDto m => clients.MessageCreated(e.EventId, m),
                MessageStatusDto s => clients.MessageStatusChanged(e.EventId, s),
                ConversationDto c => clients.ConversationUpdated(e.EventId, c),
                ConversationRemovedDto r => clients.ConversationRemoved(e.EventId, r),
                _ => Task.CompletedTask,
            });
        }
    }

    public Task ReconnectUserAsync(long userId)
    {
        connections.CloseUser(userId);
        return Task.CompletedTask;
    }

    public Task TypingAsync(ConversationAudience audience, TypingDto typing, string? exceptConnectionId, CancellationToken ct) =>
        exceptConnectionId is null
            ? hub.Clients.Group(HubGroups.Conversation(audience.ConversationId)).Typing(typing)
            : hub.Clients.GroupExcept(HubGroups.Conversation(audience.ConversationId), exceptConnectionId).Typing(typing);
}
