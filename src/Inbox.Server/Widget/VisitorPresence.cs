using System.Collections.Concurrent;
using Inbox.Contracts;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Widget;

/// <summary>
/// Who is on the sites now: per visitor, its open widgets (connections), the pages of this visit, the referrer it came
/// from. In memory on this node (ephemeral by design: never stored); behind an interface so a backplane can carry it.
/// A visit survives reloads: it ends <see cref="WidgetOptions.VisitTimeout"/> after the last widget closed.
/// </summary>
public interface IVisitorPresence
{
    LiveVisitorDto Connected(string connectionId, Visitor visitor, bool returning, long? conversationId, PageViewDto? page);
    LiveVisitorDto? PageView(string connectionId, PageViewDto page);
    /// <summary>The visitor whose last widget this was, or null while it has others open.</summary>
    string? Disconnected(string connectionId);
    string? VisitorOf(string connectionId);
    LiveVisitorDto? Find(string visitorId);
    IReadOnlyList<LiveVisitorDto> Online();
    LiveVisitorDto? Identified(string visitorId, WidgetUserDto user);
    /// <summary>The visitor's first message opened a conversation.</summary>
    LiveVisitorDto? InConversation(string visitorId, long conversationId);
}

public sealed class LocalVisitorPresence(IOptions<WidgetOptions> options, TimeProvider time) : IVisitorPresence
{
    public const int MaxPages = 50;

    private readonly ConcurrentDictionary<string, Visit> _visits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _byConnection = new(StringComparer.Ordinal);

    public LiveVisitorDto Connected(string connectionId, Visitor visitor, bool returning, long? conversationId, PageViewDto? page)
    {
        var now = time.GetUtcNow();
        Prune(now);
        var visit = _visits.GetOrAdd(visitor.Id, _ => new Visit(visitor.Id, visitor.ChannelId, visitor.CreatedAt, returning, now, page?.Referrer));
        _byConnection[connectionId] = visitor.Id;
        lock (visit)
        {
            visit.Connections.Add(connectionId);
            visit.Name = visitor.Name;
            visit.Email = visitor.Email;
            visit.Verified = visitor.VerifiedId is not null;
            visit.ConversationId = conversationId;
            if (page is not null) visit.Visited(page, now);
            else visit.LeftAt = null;
            return visit.ToDto();
        }
    }

    public LiveVisitorDto? PageView(string connectionId, PageViewDto page)
    {
        if (!_byConnection.TryGetValue(connectionId, out var id) || !_visits.TryGetValue(id, out var visit)) return null;
        lock (visit)
        {
            visit.Visited(page, time.GetUtcNow());
            return visit.ToDto();
        }
    }

    public string? Disconnected(string connectionId)
    {
        if (!_byConnection.TryRemove(connectionId, out var id) || !_visits.TryGetValue(id, out var visit)) return null;
        lock (visit)
        {
            visit.Connections.Remove(connectionId);
            if (visit.Connections.Count > 0) return null;
            visit.LeftAt = time.GetUtcNow();
            return id;
        }
    }

    public string? VisitorOf(string connectionId) => _byConnection.TryGetValue(connectionId, out var id) ? id : null;

    public LiveVisitorDto? Find(string visitorId)
    {
        if (!_visits.TryGetValue(visitorId, out var visit)) return null;
        lock (visit) return visit.Connections.Count > 0 ? visit.ToDto() : null;
    }

    public IReadOnlyList<LiveVisitorDto> Online()
    {
        Prune(time.GetUtcNow());
        var list = new List<LiveVisitorDto>();
        foreach (var visit in _visits.Values)
            lock (visit)
                if (visit.Connections.Count > 0) list.Add(visit.ToDto());
        return list.OrderByDescending(v => v.OnSiteSince).ToList();
    }

    public LiveVisitorDto? Identified(string visitorId, WidgetUserDto user)
    {
        if (!_visits.TryGetValue(visitorId, out var visit)) return null;
        lock (visit)
        {
            visit.Name = user.Name;
            visit.Email = user.Email;
            visit.Verified = user.Verified;
            return visit.ToDto();
        }
    }

    public LiveVisitorDto? InConversation(string visitorId, long conversationId)
    {
        if (!_visits.TryGetValue(visitorId, out var visit)) return null;
        lock (visit)
        {
            if (visit.ConversationId == conversationId) return null;
            visit.ConversationId = conversationId;
            return visit.ToDto();
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (id, visit) in _visits)
            if (visit.LeftAt is { } left && visit.Connections.Count == 0 && now - left > options.Value.VisitTimeout)
                _visits.TryRemove(id, out _);
    }

    private sealed class Visit(string id, long channelId, DateTimeOffset firstSeenAt, bool returning, DateTimeOffset since, string? referrer)
    {
        public HashSet<string> Connections { get; } = [];
        public List<PageVisitDto> Pages { get; } = [];
        public string? Name { get; set; }
        public string? Email { get; set; }
        public bool Verified { get; set; }
        public long? ConversationId { get; set; }
        public DateTimeOffset? LeftAt { get; set; }
        private PageViewDto? _current;

        public void Visited(PageViewDto page, DateTimeOffset at)
        {
            LeftAt = null;
            _current = page;
            if (Pages.Count > 0 && Pages[^1].Url == page.Url) return;
            Pages.Add(new PageVisitDto(page.Url, page.Title, at));
            if (Pages.Count > MaxPages) Pages.RemoveAt(0);
        }

        public LiveVisitorDto ToDto() => new(id, channelId, Name, Email, Verified, returning, ConversationId, _current, Pages.ToList(), referrer, since, firstSeenAt);
    }
}
