using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Live;

namespace Inbox.Server.Hubs;

/// <summary>
/// Who has each thread open, and whether their composer holds a reply (collision detection). This node's viewers are kept
/// per connection and never stored: a connection's views go when it leaves the thread or disconnects. With several
/// nodes, each reports its own viewers (<see cref="Presence.ClusterPresence"/>) and the lists here are merged with what
/// the others last said. Every change of a merged list is pushed to whoever may see the thread on this node: each node
/// pushes to its own connections, so nobody is told twice.
/// </summary>
public sealed class ConversationViewers(AgentHubLifetimeManager hub, TimeProvider time)
{
    /// <summary>A console has one thread open; a few more covers several tabs sharing a connection. The oldest goes first.</summary>
    public const int MaxPerConnection = 4;

    // One lock: changes are rare (open, leave, composer empty/non-empty) and each push must go out in change order.
    private readonly Lock _gate = new();
    /// <summary>Each connection's open threads, oldest first.</summary>
    private readonly Dictionary<string, List<long>> _byConnection = new(StringComparer.Ordinal);
    private readonly Dictionary<long, ThreadViewers> _byConversation = [];
    /// <summary>Each other node's threads with viewers, as it last reported them.</summary>
    private readonly Dictionary<string, IReadOnlyDictionary<long, NodeThread>> _remote = new(StringComparer.Ordinal);
    private long _lastSince;

    /// <summary>This node's viewers changed (the cluster sync reports them).</summary>
    public event Action? LocalChanged;

    /// <summary><paramref name="connectionAborted"/>: a join that finishes after its connection closed must not outlive it.</summary>
    public void View(string connectionId, long userId, string name, long conversationId, long? teamId, CancellationToken connectionAborted)
    {
        lock (_gate)
        {
            // Aborted fires before the disconnect is handled, so either this view is cleaned there or it is never added.
            if (connectionAborted.IsCancellationRequested) return;
            if (!_byConnection.TryGetValue(connectionId, out var views))
                _byConnection[connectionId] = views = [];
            if (!_byConversation.TryGetValue(conversationId, out var thread))
                _byConversation[conversationId] = thread = new ThreadViewers();
            thread.TeamId = teamId;
            if (!views.Contains(conversationId))
            {
                if (views.Count == MaxPerConnection) RemoveLocked(connectionId, views[0]);
                views.Add(conversationId);
                _byConnection[connectionId] = views; // the eviction may have emptied and dropped it
                // Ticks, kept increasing here: the order survives a merge with other nodes' viewers.
                _lastSince = Math.Max(_lastSince + 1, time.GetUtcNow().UtcTicks);
                thread.Viewers[connectionId] = new ThreadViewer(userId, name, false, _lastSince);
            }
            PushLocked(conversationId);
        }
        LocalChanged?.Invoke();
    }

    /// <summary>False when this connection does not have the thread open (never joined, left, or lost sight of it).</summary>
    public bool SetReplying(string connectionId, long conversationId, bool replying)
    {
        lock (_gate)
        {
            if (!_byConversation.TryGetValue(conversationId, out var thread) || !thread.Viewers.TryGetValue(connectionId, out var viewer)) return false;
            if (viewer.Replying == replying) return true;
            thread.Viewers[connectionId] = viewer with { Replying = replying };
            PushLocked(conversationId);
        }
        LocalChanged?.Invoke();
        return true;
    }

    public void Leave(string connectionId, long conversationId)
    {
        lock (_gate) RemoveLocked(connectionId, conversationId);
        LocalChanged?.Invoke();
    }

    public void Disconnected(string connectionId)
    {
        lock (_gate)
        {
            if (!_byConnection.TryGetValue(connectionId, out var views)) return;
            foreach (var conversationId in views.ToList()) RemoveLocked(connectionId, conversationId);
        }
        LocalChanged?.Invoke();
    }

    /// <summary>The thread now belongs to <paramref name="teamId"/>: viewers who may no longer see it are dropped, and the
    /// new audience gets the list.</summary>
    public void Moved(long conversationId, long? teamId, Func<string, bool> canStillSee)
    {
        lock (_gate)
        {
            if (!_byConversation.TryGetValue(conversationId, out var thread)) return;
            thread.TeamId = teamId;
            foreach (var connectionId in thread.Viewers.Keys.Where(id => !canStillSee(id)).ToList())
            {
                thread.Viewers.Remove(connectionId);
                if (_byConnection.TryGetValue(connectionId, out var views)) Forget(connectionId, views, conversationId);
            }
            if (thread.Viewers.Count == 0) _byConversation.Remove(conversationId);
            PushLocked(conversationId, teamId);
        }
        LocalChanged?.Invoke();
    }

    /// <summary>Another node's threads with viewers, replacing what it said before; changed lists are pushed here.</summary>
    public void ApplyRemote(string node, IReadOnlyList<NodeThread> threads)
    {
        lock (_gate)
        {
            var before = _remote.GetValueOrDefault(node) ?? new Dictionary<long, NodeThread>();
            var now = threads.ToDictionary(t => t.ConversationId);
            var changed = before.Keys.Union(now.Keys)
                .Where(id => !before.TryGetValue(id, out var was) || !now.TryGetValue(id, out var @is) || !was.Viewers.SequenceEqual(@is.Viewers))
                .Select(id => (id, (now.TryGetValue(id, out var thread) ? thread : before[id]).TeamId)).ToList();
            if (now.Count == 0) _remote.Remove(node);
            else _remote[node] = now;
            foreach (var (id, teamId) in changed) PushLocked(id, teamId);
        }
    }

    /// <summary>A node stopped or was not heard from in time: its viewers are gone.</summary>
    public void ForgetNode(string node) => ApplyRemote(node, []);

    /// <summary>What this node reports to the others: its threads with viewers, one line per agent.</summary>
    public IReadOnlyList<NodeThread> LocalThreads()
    {
        lock (_gate)
            return _byConversation.Select(p => new NodeThread(p.Key, p.Value.TeamId, p.Value.PerAgent())).ToList();
    }

    public ConversationViewersDto Snapshot(long conversationId)
    {
        lock (_gate) return MergedLocked(conversationId);
    }

    /// <summary>Every thread someone has open that <paramref name="viewer"/> may see (the console's list shows them).</summary>
    public IReadOnlyList<ConversationViewersDto> VisibleTo(Viewer viewer)
    {
        lock (_gate)
        {
            var teams = new Dictionary<long, long?>();
            foreach (var (id, thread) in _byConversation) teams[id] = thread.TeamId;
            foreach (var threads in _remote.Values)
                foreach (var (id, thread) in threads) teams.TryAdd(id, thread.TeamId);
            return teams.Where(t => viewer.CanSee(t.Value)).OrderBy(t => t.Key).Select(t => MergedLocked(t.Key)).ToList();
        }
    }

    private void RemoveLocked(string connectionId, long conversationId)
    {
        if (!_byConnection.TryGetValue(connectionId, out var views) || !views.Contains(conversationId)) return;
        Forget(connectionId, views, conversationId);
        if (!_byConversation.TryGetValue(conversationId, out var thread)) return;
        thread.Viewers.Remove(connectionId);
        if (thread.Viewers.Count == 0) _byConversation.Remove(conversationId);
        PushLocked(conversationId, thread.TeamId);
    }

    private void Forget(string connectionId, List<long> views, long conversationId)
    {
        views.Remove(conversationId);
        if (views.Count == 0) _byConnection.Remove(connectionId);
    }

    /// <summary>This node's viewers and the other nodes', one line per agent however many tabs or nodes they are on;
    /// replying if any of them is; first to open it first.</summary>
    private ConversationViewersDto MergedLocked(long conversationId)
    {
        var all = _byConversation.TryGetValue(conversationId, out var thread) ? thread.PerAgent().ToList() : [];
        foreach (var threads in _remote.Values)
            if (threads.TryGetValue(conversationId, out var remote)) all.AddRange(remote.Viewers);
        return new(conversationId, all
            .GroupBy(v => v.UserId)
            .OrderBy(g => g.Min(v => v.Since))
            .Select(g => new ConversationViewerDto(g.Key, g.First().Name, g.Any(v => v.Replying)))
            .ToList());
    }

    /// <summary>Only queues (never waits on a client), so it is safe under the lock that keeps pushes in change order.</summary>
    private void PushLocked(long conversationId, long? teamId = null)
    {
        if (_byConversation.TryGetValue(conversationId, out var thread)) teamId = thread.TeamId;
        hub.Push(HubGroups.For(new ConversationAudience(conversationId, teamId, null)), nameof(IAgentClient.ViewersChanged), [MergedLocked(conversationId)]);
    }

    private sealed record ThreadViewer(long UserId, string Name, bool Replying, long Since);

    private sealed class ThreadViewers
    {
        public long? TeamId { get; set; }

        public Dictionary<string, ThreadViewer> Viewers { get; } = new(StringComparer.Ordinal);

        public IReadOnlyList<NodeViewer> PerAgent() => Viewers.Values
            .GroupBy(v => v.UserId)
            .Select(g => new NodeViewer(g.Key, g.First().Name, g.Any(v => v.Replying), g.Min(v => v.Since)))
            .OrderBy(v => v.Since)
            .ToList();
    }
}

/// <summary>One thread's viewers on one node, as nodes report them to each other.</summary>
public sealed record NodeThread(long ConversationId, long? TeamId, IReadOnlyList<NodeViewer> Viewers);

/// <summary><see cref="Since"/>: when they opened it (UTC ticks), to order viewers across nodes.</summary>
public sealed record NodeViewer(long UserId, string Name, bool Replying, long Since);
