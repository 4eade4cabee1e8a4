using Inbox.Contracts;
using Inbox.Web.Api;
using Inbox.Web.Live;

namespace Inbox.Web.Attention;

/// <summary>
/// Unread messages across every conversation the agent can see (not just the list's filter), for the tab title.
/// Seeded from GET /api/conversations?unread=true, then kept live: a customer message adds one at once, and the
/// conversation update that follows it (or a mark-as-read) sets the server's exact count.
/// </summary>
public sealed class UnreadTracker : IDisposable
{
    /// <summary>The seed reads one page this large; beyond it the count shows as "200+".</summary>
    public const int SeedLimit = 200;

    private readonly InboxApiClient _api;
    private readonly LiveEvents _live;
    private readonly Dictionary<long, Entry> _entries = [];
    private readonly List<Action> _duringSeed = [];
    private bool _seeding;
    private int _generation;

    public UnreadTracker(InboxApiClient api, LiveEvents live)
    {
        _api = api;
        _live = live;
        live.ConversationUpdated += OnConversationUpdated;
        live.ConversationRemoved += OnConversationRemoved;
        live.MessageArrived += OnMessageArrived;
        live.ResyncRequired += OnResync;
    }

    public event Action? Changed;

    public int Total { get; private set; }

    /// <summary>More unread conversations exist than the seed read: <see cref="Total"/> is a lower bound.</summary>
    public bool Capped { get; private set; }

    /// <summary>The latest known state of a conversation (for a notification's contact name), if seen.</summary>
    public ConversationDto? Known(long conversationId) =>
        _entries.TryGetValue(conversationId, out var entry) ? entry.Conversation : null;

    public async Task SeedAsync()
    {
        var generation = ++_generation;
        _seeding = true;
        try
        {
            var page = await _api.GetConversationsAsync(new ConversationQuery(Status: null, UnreadOnly: true, Limit: SeedLimit));
            if (generation != _generation)
            {
                return;
            }
            _entries.Clear();
            foreach (var conversation in page.Items)
            {
                _entries[conversation.Id] = new Entry(conversation.UnreadCount, conversation.LastActivityAt, conversation);
            }
            Capped = page.NextCursor is not null;
            foreach (var apply in _duringSeed.ToList())
            {
                apply();
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or ApiException)
        {
            // No count until the next resync; live changes still move it.
        }
        finally
        {
            if (generation == _generation)
            {
                _seeding = false;
                _duringSeed.Clear();
                Recount();
            }
        }
    }

    /// <summary>Forgets everything (on sign-out).</summary>
    public void Reset()
    {
        _generation++;
        _seeding = false;
        _duringSeed.Clear();
        _entries.Clear();
        Capped = false;
        Recount();
    }

    private void OnConversationUpdated(ConversationDto conversation) => Apply(() =>
    {
        if (_entries.TryGetValue(conversation.Id, out var known) && conversation.LastActivityAt < known.At)
        {
            return; // an older snapshot arriving late
        }
        _entries[conversation.Id] = new Entry(conversation.UnreadCount, conversation.LastActivityAt, conversation);
    });

    private void OnConversationRemoved(ConversationRemovedDto removed) => Apply(() => _entries.Remove(removed.ConversationId));

    private void OnMessageArrived(MessageDto message)
    {
        if (message.Direction != MessageDirection.Inbound || message.IsPrivate)
        {
            return;
        }
        Apply(() =>
        {
            var known = _entries.GetValueOrDefault(message.ConversationId);
            if (known is not null && message.CreatedAt <= known.At)
            {
                return; // already counted in the state we hold
            }
            _entries[message.ConversationId] = new Entry((known?.Count ?? 0) + 1, message.CreatedAt, known?.Conversation);
        });
    }

    private void OnResync() => _ = SeedAsync();

    private void Apply(Action change)
    {
        if (_seeding)
        {
            _duringSeed.Add(change);
        }
        change();
        Recount();
    }

    private void Recount()
    {
        Total = _entries.Values.Sum(e => Math.Max(0, e.Count));
        Changed?.Invoke();
    }

    public void Dispose()
    {
        _live.ConversationUpdated -= OnConversationUpdated;
        _live.ConversationRemoved -= OnConversationRemoved;
        _live.MessageArrived -= OnMessageArrived;
        _live.ResyncRequired -= OnResync;
    }

    private sealed record Entry(int Count, DateTimeOffset At, ConversationDto? Conversation);
}
