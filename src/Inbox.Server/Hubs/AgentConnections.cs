using System.Collections.Concurrent;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Live;
using Microsoft.AspNetCore.SignalR;

namespace Inbox.Server.Hubs;

/// <summary>
/// The live AgentHub connections of this node: who opened each (user, session or token, what they may see) and which
/// conversations it watches, so connections can be closed when their session or rights change and dropped from a
/// conversation's group when it moves out of their sight. Several nodes will need this over the backplane.
/// </summary>
public sealed class AgentConnections(IHubContext<AgentHub, IAgentClient> hub, ConversationViewers threadViewers, Presence.AgentPresence presence) : ILiveConnections
{
    private readonly ConcurrentDictionary<string, LiveConnection> _byId = new();

    public void Add(HubCallerContext context, Viewer viewer, AgentAvailability availability)
    {
        _byId[context.ConnectionId] = new LiveConnection(context, viewer, context.User?.SessionId(), context.User?.TokenId());
        presence.Connected(viewer.UserId, availability);
    }

    public void Remove(string connectionId)
    {
        if (_byId.TryRemove(connectionId, out var connection)) presence.Disconnected(connection.Viewer.UserId);
    }

    public void Watch(string connectionId, long conversationId)
    {
        if (_byId.TryGetValue(connectionId, out var connection)) connection.Watching[conversationId] = 0;
    }

    public void Unwatch(string connectionId, long conversationId)
    {
        if (_byId.TryGetValue(connectionId, out var connection)) connection.Watching.TryRemove(conversationId, out _);
    }

    public int Count(long userId) => _byId.Values.Count(c => c.Viewer.UserId == userId);

    public void CloseUser(long userId) => Close(c => c.Viewer.UserId == userId);


    public void CloseSession(string sessionId) => Close(c => c.SessionId == sessionId);

    public void CloseToken(long tokenId) => Close(c => c.TokenId == tokenId);

    public void AvailabilityChanged(long userId, AgentAvailability availability) => presence.AvailabilityChanged(userId, availability);

    public async Task ConversationMovedAsync(long conversationId, long? teamId, CancellationToken ct)
    {
        foreach (var connection in _byId.Values.Where(c => c.Watching.ContainsKey(conversationId) && !c.Viewer.CanSee(teamId)))
        {
            connection.Watching.TryRemove(conversationId, out _);
            await hub.Groups.RemoveFromGroupAsync(connection.Context.ConnectionId, HubGroups.Conversation(conversationId), ct);
        }
        threadViewers.Moved(conversationId, teamId, id => _byId.TryGetValue(id, out var c) && c.Viewer.CanSee(teamId));
    }

    /// <summary>Who holds this node's connections, for <see cref="LiveRecheck"/>.</summary>
    public IReadOnlyList<(Viewer Viewer, string? SessionId, long? TokenId)> Holders() =>
        _byId.Values.Select(c => (c.Viewer, c.SessionId, c.TokenId)).ToList();

    private void Close(Func<LiveConnection, bool> which)
    {
        foreach (var connection in _byId.Values.Where(which)) connection.Context.Abort();
    }

    /// <summary>The viewer is as it was at connect: any change to it closes the connection, so it stays true.</summary>
    private sealed record LiveConnection(HubCallerContext Context, Viewer Viewer, string? SessionId, long? TokenId)
    {
        public ConcurrentDictionary<long, byte> Watching { get; } = new();
    }
}
