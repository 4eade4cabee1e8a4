using Inbox.Contracts;
using Inbox.Web.Api;
using Inbox.Web.Live;
using Inbox.Web.Shared;

namespace Inbox.Web.Notifications;

/// <summary>
/// The agent's bell (@mentions, conversations someone else assigned them): loaded from the server, kept current by the
/// hub's Notified calls. Which ones are new is remembered in the browser (the newest id seen), so the badge survives a
/// reload.
/// </summary>
public sealed class NotificationInbox(InboxApiClient api, LiveEvents live, IBrowserInterop browser) : IDisposable
{
    public const string SeenKey = "inbox.notifications.seen";
    private readonly List<NotificationDto> _items = [];
    private Task? _loading;
    private long _seenUpTo;

    public IReadOnlyList<NotificationDto> Items => _items;

    public int Unseen => _items.Count(n => n.Id > _seenUpTo);

    public event Action? Changed;

    /// <summary>A notification arrived live (the bell shows it; the layout may also say so).</summary>
    public event Action<NotificationDto>? Arrived;

    public Task EnsureLoadedAsync() => _loading ??= LoadAsync();

    public async Task MarkSeenAsync()
    {
        if (_items.Count == 0 || Unseen == 0)
        {
            return;
        }
        _seenUpTo = _items.Max(n => n.Id);
        Changed?.Invoke();
        await browser.SavePreferenceAsync(SeenKey, _seenUpTo.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task LoadAsync()
    {
        live.Notified += OnNotified;
        try
        {
            _ = long.TryParse(await browser.LoadPreferenceAsync(SeenKey), System.Globalization.CultureInfo.InvariantCulture, out _seenUpTo);
            var loaded = await api.GetNotificationsAsync();
            foreach (var notification in loaded.Where(n => _items.All(i => i.Id != n.Id)))
            {
                _items.Add(notification);
            }
            _items.Sort((a, b) => b.Id.CompareTo(a.Id));
            Changed?.Invoke();
        }
        catch (Exception ex) when (ex is HttpRequestException or ApiException)
        {
            // The live ones still arrive; the list loads next time.
            live.Notified -= OnNotified;
            _loading = null;
        }
    }

    private void OnNotified(NotificationDto notification)
    {
        if (_items.Any(n => n.Id == notification.Id))
        {
            return;
        }
        _items.Insert(0, notification);
        Changed?.Invoke();
        Arrived?.Invoke(notification);
    }

    public void Dispose() => live.Notified -= OnNotified;
}
