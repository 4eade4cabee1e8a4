using Inbox.Web.Shared;

namespace Inbox.Web.Tests.Infrastructure;

/// <summary>Stands in for wwwroot/js/browser.js: records sounds, notifications and permission requests; the test raises shortcuts and clicks.</summary>
public sealed class FakeBrowserInterop : IBrowserInterop
{
    public event Action<long>? NotificationClicked;

    public event Action<ShortcutAction>? ShortcutPressed;

    /// <summary>Whether the tab is seen (shown and focused).</summary>
    public bool Visible { get; set; } = true;

    /// <summary>What Notification.permission is; a request answers <see cref="AnswerToRequest"/>.</summary>
    public NotificationPermission Permission { get; set; } = NotificationPermission.Default;

    public NotificationPermission AnswerToRequest { get; set; } = NotificationPermission.Granted;

    public bool Started { get; private set; }

    public int Sounds { get; private set; }

    public int PermissionRequests { get; private set; }

    public List<DesktopNotice> Notices { get; } = [];

    public Dictionary<string, string> Storage { get; } = [];

    public List<long> Revealed { get; } = [];

    public void Press(ShortcutAction action) => ShortcutPressed?.Invoke(action);

    public void ClickNotification(long conversationId) => NotificationClicked?.Invoke(conversationId);

    public Task StartAsync() { Started = true; return Task.CompletedTask; }

    public Task StopAsync() { Started = false; return Task.CompletedTask; }

    public Task<bool> IsPageVisibleAsync() => Task.FromResult(Visible);

    public Task PlaySoundAsync() { Sounds++; return Task.CompletedTask; }

    public Task<NotificationPermission> GetNotificationPermissionAsync() => Task.FromResult(Permission);

    public Task<NotificationPermission> RequestNotificationPermissionAsync()
    {
        PermissionRequests++;
        Permission = AnswerToRequest;
        return Task.FromResult(Permission);
    }

    public Task ShowNotificationAsync(DesktopNotice notice) { Notices.Add(notice); return Task.CompletedTask; }

    public Task<string?> LoadPreferenceAsync(string key) => Task.FromResult(Storage.GetValueOrDefault(key));

    public Task SavePreferenceAsync(string key, string value) { Storage[key] = value; return Task.CompletedTask; }

    public Task RevealConversationAsync(long conversationId) { Revealed.Add(conversationId); return Task.CompletedTask; }
}
