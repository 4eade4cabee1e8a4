using Inbox.Contracts;
using Inbox.Server.Hubs;

namespace Inbox.Server.Presence;

/// <summary>
/// Who has the console open: on this node (its live connections) and on the others as they last said (through
/// <see cref="ClusterPresence"/>), and so each agent's status: their Online/Away choice while connected anywhere,
/// Offline otherwise. Every node applies every change itself and pushes the status changes it sees to its own
/// connections only, so nobody is told twice.
/// </summary>
public sealed class AgentPresence(AgentHubLifetimeManager hub)
{
    // One lock: changes are rare (connect, disconnect, a choice, a node's report) and pushes must go out in change order.
    private readonly Lock _gate = new();
    private readonly Dictionary<long, LocalAgent> _local = [];
    private readonly Dictionary<string, IReadOnlyDictionary<long, AgentAvailability>> _remote = new(StringComparer.Ordinal);

    /// <summary>This node's connected agents or their choices changed (the cluster sync reports them).</summary>
    public event Action? LocalChanged;

    /// <summary>Is any agent connected and Online, on any node? (Away agents do not take chats: the widget says offline.)</summary>
    public bool AnyOnline
    {
        get
        {
            lock (_gate)
                return _local.Values.Any(a => a.Availability == AgentAvailability.Online)
                    || _remote.Values.Any(users => users.Values.Any(a => a == AgentAvailability.Online));
        }
    }

    public void Connected(long userId, AgentAvailability availability) => Change(() => [userId], local: true, () =>
        _local[userId] = new LocalAgent(_local.TryGetValue(userId, out var agent) ? agent.Connections + 1 : 1, availability));

    public void Disconnected(long userId) => Change(() => [userId], local: true, () =>
    {
        if (!_local.TryGetValue(userId, out var agent)) return;
        if (agent.Connections <= 1) _local.Remove(userId);
        else _local[userId] = agent with { Connections = agent.Connections - 1 };
    });

    /// <summary>The agent chose Online or Away. Applied on every node: the node holding their connection reports it on.</summary>
    public void AvailabilityChanged(long userId, AgentAvailability availability) => Change(() => [userId], local: true, () =>
    {
        if (_local.TryGetValue(userId, out var agent)) _local[userId] = agent with { Availability = availability };
    });

    /// <summary>Another node's connected agents, replacing what it said before.</summary>
    public void ApplyRemote(string node, IReadOnlyDictionary<long, AgentAvailability> users) =>
        Change(() => users.Keys.Concat(_remote.GetValueOrDefault(node)?.Keys ?? []), local: false, () => _remote[node] = users);

    /// <summary>A node stopped or was not heard from in time: its agents are no longer connected there.</summary>
    public void ForgetNode(string node) =>
        Change(() => _remote.GetValueOrDefault(node)?.Keys ?? [], local: false, () => _remote.Remove(node));

    public AgentStatus StatusOf(long userId)
    {
        lock (_gate) return StatusLocked(userId);
    }

    /// <summary>Every agent who is not offline.</summary>
    public IReadOnlyList<AgentStatusDto> Statuses()
    {
        lock (_gate)
            return _local.Keys.Concat(_remote.Values.SelectMany(users => users.Keys)).Distinct().Order()
                .Select(id => new AgentStatusDto(id, StatusLocked(id))).ToList();
    }

    /// <summary>What this node reports to the others.</summary>
    public IReadOnlyDictionary<long, AgentAvailability> LocalAgents()
    {
        lock (_gate) return _local.ToDictionary(p => p.Key, p => p.Value.Availability);
    }

    /// <summary><paramref name="affected"/>: the agents whose status may change, read under the lock before the change.</summary>
    private void Change(Func<IEnumerable<long>> affected, bool local, Action apply)
    {
        lock (_gate)
        {
            var users = affected().Distinct().ToList();
            var before = users.Select(StatusLocked).ToList();
            apply();
            for (var i = 0; i < users.Count; i++)
            {
                var now = StatusLocked(users[i]);
                if (now != before[i]) hub.Push([HubGroups.Everyone], nameof(IAgentClient.AgentStatusChanged), [new AgentStatusDto(users[i], now)]);
            }
        }
        if (local) LocalChanged?.Invoke();
    }

    private AgentStatus StatusLocked(long userId)
    {
        AgentAvailability? availability = _local.TryGetValue(userId, out var agent) ? agent.Availability : null;
        if (availability is null)
            foreach (var users in _remote.Values)
                if (users.TryGetValue(userId, out var remote)) { availability = remote; break; }
        return availability switch
        {
            AgentAvailability.Online => AgentStatus.Online,
            AgentAvailability.Away => AgentStatus.Away,
            _ => AgentStatus.Offline,
        };
    }

    private sealed record LocalAgent(int Connections, AgentAvailability Availability);
}
