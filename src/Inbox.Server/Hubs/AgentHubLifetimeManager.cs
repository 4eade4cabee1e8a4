using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Hubs;

/// <summary>
/// SignalR's in-memory connection and group bookkeeping for AgentHub, plus one <see cref="LiveConnection"/> per
/// connection through which the server pushes. SignalR's own group send awaits every member's write, so one client
/// that stops reading would stall the caller and every other member behind it; <see cref="Push"/> only queues.
/// </summary>
public sealed partial class AgentHubLifetimeManager(
    IOptions<LiveOptions> options,
    ILogger<DefaultHubLifetimeManager<AgentHub>> signalRLogger,
    ILogger<AgentHubLifetimeManager> logger) : DefaultHubLifetimeManager<AgentHub>(signalRLogger)
{
    private readonly ConcurrentDictionary<string, LiveConnection> _connections = new(StringComparer.Ordinal);
    private readonly Lock _order = new();

    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        await base.OnConnectedAsync(connection);
        _connections[connection.ConnectionId] = new LiveConnection(connection, options.Value, (id, reason) => LogDropped(logger, id, reason));
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        if (_connections.TryRemove(connection.ConnectionId, out var live)) live.Close();
        await base.OnDisconnectedAsync(connection);
    }

    public override async Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        await base.AddToGroupAsync(connectionId, groupName, cancellationToken);
        if (_connections.TryGetValue(connectionId, out var live)) live.Groups[groupName] = 0;
    }

    public override async Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        await base.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);
        if (_connections.TryGetValue(connectionId, out var live)) live.Groups.TryRemove(groupName, out _);
    }

    /// <summary>
    /// Queues <paramref name="method"/>(<paramref name="args"/>) for every connection in one of <paramref name="groups"/>
    /// (but <paramref name="exceptConnectionId"/>). Never waits on a client. Calls queued one after another reach each
    /// client in that order; the message is serialised once per protocol, on the first connection's send loop.
    /// </summary>
    public void Push(IReadOnlyList<string> groups, string method, object?[] args, string? exceptConnectionId = null)
    {
        var message = new SerializedHubMessage(new InvocationMessage(method, args));
        lock (_order)
        {
            foreach (var (id, live) in _connections)
                if (id != exceptConnectionId && live.InAny(groups)) live.Enqueue(message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped live connection {ConnectionId}: {Reason}; it will reconnect and replay")]
    private static partial void LogDropped(ILogger logger, string connectionId, string reason);
}
