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
    AgentConnections connections, ConversationViewers threadViewers, Channels.AgentTypingRelay typingRelay, UserStore users)
    : Hub<IAgentClient>, IAgentHub
{
    public override async Task OnConnectedAsync()
    {
        var viewer = await viewers.ResolveAsync(Context.User!, Context.ConnectionAborted);
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.User(viewer.UserId));
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Everyone);
        if (viewer.IsAdmin) await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Admins);
        else foreach (var team in viewer.TeamIds) await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Team(team));
        var availability = (await users.GetAsync(viewer.UserId, Context.ConnectionAborted))?.AvailabilityChoice ?? AgentAvailability.Online;
        connections.Add(Context, viewer, availability);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        threadViewers.Disconnected(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    public async Task JoinConversation(long conversationId)
    {
        var viewer = await viewers.ResolveAsync(Context.User!, Context.ConnectionAborted);
        if (await conversations.GetDtoAsync(viewer, conversationId, Context.ConnectionAborted) is not { } conversation)
            throw new HubException("Conversation not found");
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Conversation(conversationId));
        connections.Watch(Context.ConnectionId, conversationId);
        // Pushed to the thread's audience, the caller included: they get the current viewers at once.
        threadViewers.View(Context.ConnectionId, viewer.UserId, DisplayName(viewer), conversationId, conversation.TeamId, Context.ConnectionAborted);
    }

    public Task LeaveConversation(long conversationId)
    {
        connections.Unwatch(Context.ConnectionId, conversationId);
        threadViewers.Leave(Context.ConnectionId, conversationId);
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

    /// <summary>Only in a thread this connection joined (and still may see): no query, the join checked it.</summary>
    public Task Replying(long conversationId, bool replying) =>
        threadViewers.SetReplying(Context.ConnectionId, conversationId, replying) ? Task.CompletedTask : throw new HubException("Conversation not found");

    public Task<long> GetLatestEventId() => events.LatestIdAsync(Context.ConnectionAborted);

    public async Task<IReadOnlyList<AgentEvent>> GetEventsSince(long lastEventId, int max)
    {
        var viewer = await viewers.ResolveAsync(Context.User!, Context.ConnectionAborted);
        return await events.ReadSinceAsync(viewer, lastEventId, max, Context.ConnectionAborted);
    }

    private string DisplayName(Viewer viewer) =>
        Context.User!.Identity?.Name ?? "#" + viewer.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
