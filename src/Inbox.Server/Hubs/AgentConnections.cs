using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Inbox.Server.Hubs;

/// <summary>
/// The live AgentHub connections of this node per user, so a user's connections can be closed when what they may
/// see changes (disabled, new role, new team). The console reconnects, is re-authorised, joins its new groups and
/// replays what it missed. Several nodes will need this over the backplane.
/// </summary>
public sealed class AgentConnections
{
    private readonly ConcurrentDictionary<long, ConcurrentDictionary<string, HubCallerContext>> _byUser = new();

    public void Add(long userId, HubCallerContext context) =>
        _byUser.GetOrAdd(userId, _ => new ConcurrentDictionary<string, HubCallerContext>())[context.ConnectionId] = context;

    public void Remove(long userId, string connectionId)
    {
        if (_byUser.TryGetValue(userId, out var connections)) connections.TryRemove(connectionId, out _);
    }

    public int Count(long userId) => _byUser.TryGetValue(userId, out var connections) ? connections.Count : 0;

    public void Abort(long userId)
    {
        if (!_byUser.TryGetValue(userId, out var connections)) return;
        foreach (var context in connections.Values) context.Abort();
    }
}
