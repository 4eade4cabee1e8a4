using Inbox.Contracts;
using Inbox.Web.Api;
using Inbox.Web.Live;
using Inbox.Web.Shared;

namespace Inbox.Web.Mentions;

/// <summary>
/// Where the agent was @mentioned: loaded from the server, kept current by the hub's Mentioned calls. Which ones are new
/// is remembered in the browser (the newest note id seen), so the badge survives a reload.
/// </summary>
public sealed class MentionInbox(InboxApiClient api, LiveEvents live, IBrowserInterop browser) : IDisposable
{
    public const string SeenKey = "inbox.mentions.seen";
    private readonly List<MentionDto> _items = [];
    private Task? _loading;
    private long _seenUpTo;

    public IReadOnlyList<MentionDto> Items => _items;

    public int Unseen => _items.Count(m => m.MessageId > _seenUpTo);

    public event Action? Changed;

    /// <summary>A mention arrived live (the bell shows it; the layout may also say so).</summary>
    public event Action<MentionDto>? Arrived;

    public Task EnsureLoadedAsync() => _loading ??= LoadAsync();

    public async Task MarkSeenAsync()
    {
        if (_items.Count == 0 || Unseen == 0)
        {
            return;
        }
        _seenUpTo = _items.Max(m => m.MessageId);
        Changed?.Invoke();
        await browser.SavePreferenceAsync(SeenKey, _seenUpTo.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task LoadAsync()
    {
        live.Mentioned += OnMentioned;
        try
        {
            _ = long.TryParse(await browser.LoadPreferenceAsync(SeenKey), System.Globalization.CultureInfo.InvariantCulture, out _seenUpTo);
            var loaded = await api.GetMentionsAsync();
            foreach (var mention in loaded.Where(m => _items.All(i => i.MessageId != m.MessageId)))
            {
                _items.Add(mention);
            }
            _items.Sort((a, b) => b.MessageId.CompareTo(a.MessageId));
            Changed?.Invoke();
        }
        catch (Exception ex) when (ex is HttpRequestException or ApiException)
        {
            // The live ones still arrive; the list loads next time.
            live.Mentioned -= OnMentioned;
            _loading = null;
        }
    }

    private void OnMentioned(MentionDto mention)
    {
        if (_items.Any(m => m.MessageId == mention.MessageId))
        {
            return;
        }
        _items.Insert(0, mention);
        Changed?.Invoke();
        Arrived?.Invoke(mention);
    }

    public void Dispose() => live.Mentioned -= OnMentioned;
}
