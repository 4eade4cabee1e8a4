using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Conversations;
using Inbox.Server.Live;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Inbox.Server.Hubs;

/// <summary>
/// The console's live connection. Who a caller is comes from their authenticated principal, never from arguments.
/// Agents join their visibility groups on connect; durable events missed while away come back via GetEventsSince.
/// </summary>
[Authorize]
public sealed class AgentHub(ViewerResolver viewers, ConversationStore conversations, ConversationEventStore events, IInboxNotifier notifier,
    AgentConnections connections, Channels.AgentTypingRelay typingRelay)
    : Hub<IAgentClient>, IAgentHub
{
    public override async Task OnConnectedAsync()
    {
        var viewer = await viewers.ResolveAsync(Context.User!, Context.ConnectionAborted);
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.User(viewer.UserId));
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Everyone);
        if (viewer.IsAdmin) await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Admins);
        else foreach (var team in viewer.TeamIds) await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Team(team));
        connections.Add(Context, viewer);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    public async Task JoinConversation(long conversationId)
    {
        var viewer = await viewers.ResolveAsync(Context.User!, Context.ConnectionAborted);
        if (await conversations.GetDtoAsync(viewer, conversationId, Context.ConnectionAborted) is null)
            throw new HubException("Conversation not found");
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Conversation(conversationId));
        connections.Watch(Context.ConnectionId, conversationId);
    }

    public Task LeaveConversation(long conversationId)
    {
        connections.Unwatch(Context.ConnectionId, conversationId);
        return Groups.RemoveFromGroupAsync(Context.ConnectionId, HubGroups.Conversation(conversationId));
    }

    public async Task Typing(long conversationId, bool isTyping)
    {
        var viewer = await viewers.ResolveAsync(Context.User!, Context.ConnectionAborted);
        var conversation = await conversations.GetDtoAsync(viewer, conversationId, Context.ConnectionAborted);
        if (conversation is null) throw new HubException("Conversation not found");
        // Typing is frequent: the display name comes from the principal, not another query.
        await notifier.TypingAsync(new ConversationAudience(conversationId, conversation.TeamId, conversation.AssigneeId),
            new TypingDto(conversationId, viewer.UserId, Context.User!.Identity?.Name, isTyping), Context.ConnectionId, Context.ConnectionAborted);
        if (isTyping) typingRelay.AgentTyping(conversationId);
    }

    public Task<long> GetLatestEventId() => events.LatestIdAsync(Context.ConnectionAborted);

    public async Task<IReadOnlyList<AgentEvent>> GetEventsSince(long lastEventId, int max)
    {
        var viewer = await viewers.ResolveAsync(Context.User!, Context.ConnectionAborted);
        return await events.ReadSinceAsync(viewer, lastEventId, max, Context.ConnectionAborted);
    }
}
