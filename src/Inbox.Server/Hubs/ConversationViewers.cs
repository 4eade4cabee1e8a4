using Inbox.Contracts;
using Inbox.Server.Live;

namespace Inbox.Server.Hubs;

/// <summary>
/// Who has each thread open on this node, and whether their composer holds a reply (collision detection). Kept in memory
/// per connection and never stored: a connection's views go when it leaves the thread or disconnects. Every change is
/// pushed to whoever may see the thread (its visibility groups) on this node only: with several nodes an agent sees the
/// viewers on their own node, since each node's list would otherwise overwrite the others'.
/// </summary>
public sealed class ConversationViewers(AgentHubLifetimeManager hub)
{
    /// <summary>A console has one thread open; a few more covers several tabs sharing a connection. The oldest goes first.</summary>
    public const int MaxPerConnection = 4;

    // One lock: changes are rare (open, leave, composer empty/non-empty) and each push must go out in change order.
    private readonly Lock _gate = new();
    /// <summary>Each connection's open threads, oldest first.</summary>
    private readonly Dictionary<string, List<long>> _byConnection = new(StringComparer.Ordinal);
    private readonly Dictionary<long, ThreadViewers> _byConversation = [];
    private long _order;

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
                thread.Viewers[connectionId] = new ThreadViewer(userId, name, false, ++_order);
            }
            PushLocked(conversationId, thread);
        }
    }

    /// <summary>False when this connection does not have the thread open (never joined, left, or lost sight of it).</summary>
    public bool SetReplying(string connectionId, long conversationId, bool replying)
    {
        lock (_gate)
        {
            if (!_byConversation.TryGetValue(conversationId, out var thread) || !thread.Viewers.TryGetValue(connectionId, out var viewer)) return false;
            if (viewer.Replying == replying) return true;
            thread.Viewers[connectionId] = viewer with { Replying = replying };
            PushLocked(conversationId, thread);
            return true;
        }
    }

    public void Leave(string connectionId, long conversationId)
    {
        lock (_gate) RemoveLocked(connectionId, conversationId);
    }

    public void Disconnected(string connectionId)
    {
        lock (_gate)
        {
            if (!_byConnection.TryGetValue(connectionId, out var views)) return;
            foreach (var conversationId in views.ToList()) RemoveLocked(connectionId, conversationId);
        }
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
            PushLocked(conversationId, thread);
        }
    }

    public ConversationViewersDto Snapshot(long conversationId)
    {
        lock (_gate) return _byConversation.TryGetValue(conversationId, out var thread) ? thread.ToDto(conversationId) : new(conversationId, []);
    }

    private void RemoveLocked(string connectionId, long conversationId)
    {
        if (!_byConnection.TryGetValue(connectionId, out var views) || !views.Contains(conversationId)) return;
        Forget(connectionId, views, conversationId);
        if (!_byConversation.TryGetValue(conversationId, out var thread)) return;
        thread.Viewers.Remove(connectionId);
        if (thread.Viewers.Count == 0) _byConversation.Remove(conversationId);
        PushLocked(conversationId, thread);
    }

    private void Forget(string connectionId, List<long> views, long conversationId)
    {
        views.Remove(conversationId);
        if (views.Count == 0) _byConnection.Remove(connectionId);
    }

    /// <summary>Only queues (never waits on a client), so it is safe under the lock that keeps pushes in change order.</summary>
    private void PushLocked(long conversationId, ThreadViewers thread) =>
        hub.Push(HubGroups.For(new ConversationAudience(conversationId, thread.TeamId, null)), nameof(IAgentClient.ViewersChanged), [thread.ToDto(conversationId)]);

    private sealed record ThreadViewer(long UserId, string Name, bool Replying, long Order);

    private sealed class ThreadViewers
    {
        public long? TeamId { get; set; }

        public Dictionary<string, ThreadViewer> Viewers { get; } = new(StringComparer.Ordinal);

        /// <summary>One line per agent however many tabs they have open; replying if any of them is.</summary>
        public ConversationViewersDto ToDto(long conversationId) => new(conversationId, Viewers.Values
            .GroupBy(v => v.UserId)
            .OrderBy(g => g.Min(v => v.Order))
            .Select(g => new ConversationViewerDto(g.Key, g.First().Name, g.Any(v => v.Replying)))
            .ToList());
    }
}
