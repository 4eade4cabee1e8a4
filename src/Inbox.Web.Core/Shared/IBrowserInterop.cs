namespace Inbox.Web.Shared;

/// <summary>What the console asks of the browser beyond Blazor itself (wwwroot/js/browser.js); faked in tests.</summary>
public interface IBrowserInterop
{
    /// <summary>A desktop notification was clicked: the tab is focused, the console should open this conversation.</summary>
    event Action<long>? NotificationClicked;

    /// <summary>A global keyboard shortcut was pressed (outside text fields for the single-letter ones).</summary>
    event Action<ShortcutAction>? ShortcutPressed;

    /// <summary>Starts listening for shortcuts and notification clicks (idempotent).</summary>
    Task StartAsync();

    Task StopAsync();

    /// <summary>True when the tab is shown and focused (the agent can see the console).</summary>
    Task<bool> IsPageVisibleAsync();

    Task PlaySoundAsync();

    Task<NotificationPermission> GetNotificationPermissionAsync();

    /// <summary>Asks the browser for permission; call only from an agent's click.</summary>
    Task<NotificationPermission> RequestNotificationPermissionAsync();

    Task ShowNotificationAsync(DesktopNotice notice);

    Task<string?> LoadPreferenceAsync(string key);

    Task SavePreferenceAsync(string key, string value);

    /// <summary>Scrolls the list row of this conversation into view.</summary>
    Task RevealConversationAsync(long conversationId);
}

public enum ShortcutAction { Next, Previous, Help }

public enum NotificationPermission { Default, Granted, Denied, Unsupported }

/// <summary>A desktop notification: plain text only (the browser never renders it as markup).</summary>
public sealed record DesktopNotice(long ConversationId, string Title, string Body);
