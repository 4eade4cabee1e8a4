using Inbox.Contracts;
using Inbox.Web.Api;
using Inbox.Web.Contacts;
using Inbox.Web.Live;
using Inbox.Web.Localization;
using Inbox.Web.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Inbox.Web.Attention;

/// <summary>
/// Gets the agent's attention when a customer writes while they look elsewhere: a chime and/or a desktop
/// notification, each optional. Only inbound customer messages count (never the agent's own replies or private
/// notes), and only when the tab is not seen or another conversation is open. Clicking a notification opens
/// its conversation.
/// </summary>
public sealed class AttentionService(
    IBrowserInterop browser,
    LiveEvents live,
    UnreadTracker unread,
    InboxApiClient api,
    NavigationManager navigation,
    IStringLocalizer<AppStrings> l) : IDisposable
{
    private bool _started;

    public AttentionPreferences Preferences { get; private set; } = new();

    /// <summary>The preferences changed (the profile menu re-renders).</summary>
    public event Action? Changed;

    /// <summary>Loads the preferences, seeds the unread count and starts listening (once per sign-in).</summary>
    public async Task StartAsync()
    {
        if (_started)
        {
            return;
        }
        _started = true;
        live.MessageArrived += OnMessageArrived;
        live.Notified += OnNotified;
        browser.NotificationClicked += OnNotificationClicked;
        var sound = await browser.LoadPreferenceAsync(AttentionPreferences.SoundKey);
        var desktop = await browser.LoadPreferenceAsync(AttentionPreferences.DesktopKey);
        Preferences = new AttentionPreferences(sound == "on", desktop == "on");
        Changed?.Invoke();
        await browser.StartAsync();
        await unread.SeedAsync();
    }

    /// <summary>Stops alerting (on sign-out); the next agent starts afresh.</summary>
    public async Task StopAsync()
    {
        if (!_started)
        {
            return;
        }
        _started = false;
        live.MessageArrived -= OnMessageArrived;
        live.Notified -= OnNotified;
        browser.NotificationClicked -= OnNotificationClicked;
        unread.Reset();
        await browser.StopAsync();
    }

    public async Task SetSoundAsync(bool on)
    {
        Preferences = Preferences with { Sound = on };
        Changed?.Invoke();
        await browser.SavePreferenceAsync(AttentionPreferences.SoundKey, on ? "on" : "off");
        if (on)
        {
            await browser.PlaySoundAsync(); // a sample, and it unlocks audio on this click
        }
    }

    /// <summary>Turns desktop notifications on (asking the browser first) or off; returns the browser's answer.</summary>
    public async Task<NotificationPermission> SetDesktopAsync(bool on)
    {
        var permission = NotificationPermission.Granted;
        if (on)
        {
            permission = await browser.GetNotificationPermissionAsync();
            if (permission == NotificationPermission.Default)
            {
                permission = await browser.RequestNotificationPermissionAsync();
            }
            on = permission == NotificationPermission.Granted;
        }
        Preferences = Preferences with { Desktop = on };
        Changed?.Invoke();
        await browser.SavePreferenceAsync(AttentionPreferences.DesktopKey, on ? "on" : "off");
        return permission;
    }

    /// <summary>The conversation open in the thread column, read from the address (/conversations/{id}).</summary>
    public long? OpenConversationId
    {
        get
        {
            var path = navigation.ToBaseRelativePath(navigation.Uri).Split('?', '#')[0];
            const string prefix = "conversations/";
            return path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && long.TryParse(path.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
                ? id : null;
        }
    }

    private void OnMessageArrived(MessageDto message)
    {
        if (message.Direction != MessageDirection.Inbound || message.IsPrivate)
        {
            return;
        }
        if (!Preferences.Sound && !Preferences.Desktop)
        {
            return;
        }
        _ = AlertAsync(message);
    }

    private async Task AlertAsync(MessageDto message)
    {
        try
        {
            var seen = await browser.IsPageVisibleAsync();
            if (seen && OpenConversationId == message.ConversationId)
            {
                return; // they are looking at it
            }
            if (Preferences.Sound)
            {
                await browser.PlaySoundAsync();
            }
            if (Preferences.Desktop)
            {
                var title = await ContactNameAsync(message.ConversationId);
                var body = string.IsNullOrWhiteSpace(message.Text) && message.Attachments.Count > 0
                    ? l["Attention.Attachment"].Value
                    : NoticeText.Preview(message.Text);
                await browser.ShowNotificationAsync(new DesktopNotice(message.ConversationId, title, body));
            }
        }
        catch (Exception ex) when (ex is Microsoft.JSInterop.JSException or InvalidOperationException or TaskCanceledException)
        {
            // An alert that cannot be shown is not worth an error.
        }
    }

    /// <summary>A mention or an assignment by someone else: a desktop notification when the agent turned them on (the
    /// bell and its toast show it in the console either way).</summary>
    private void OnNotified(NotificationDto notification)
    {
        if (Preferences.Desktop)
        {
            _ = NotifyDesktopAsync(notification);
        }
    }

    private async Task NotifyDesktopAsync(NotificationDto n)
    {
        var actor = n.ActorName ?? l["Thread.SomeAgent"].Value;
        var contact = n.ContactName ?? l["Contact.Unknown"].Value;
        var notice = n.Kind == NotificationKinds.Assigned
            ? new DesktopNotice(n.ConversationId, l["Notification.Assigned", actor, contact], "")
            : new DesktopNotice(n.ConversationId, l["Notification.Mentioned", actor, contact], NoticeText.Preview(n.Text));
        try
        {
            await browser.ShowNotificationAsync(notice);
        }
        catch (Exception ex) when (ex is Microsoft.JSInterop.JSException or InvalidOperationException or TaskCanceledException)
        {
            // A notification that cannot be shown is not worth an error.
        }
    }

    private async Task<string> ContactNameAsync(long conversationId)
    {
        var conversation = unread.Known(conversationId);
        if (conversation is null)
        {
            try
            {
                conversation = await api.GetConversationAsync(conversationId);
            }
            catch (Exception ex) when (ex is HttpRequestException or ApiException)
            {
                // Name unknown: the notification still says someone wrote.
            }
        }
        return conversation is null
            ? l["Contact.Unknown"].Value
            : ContactNames.Display(conversation.Contact, l["Contact.Unknown"]);
    }

    private void OnNotificationClicked(long conversationId) => navigation.NavigateTo($"conversations/{conversationId}");

    public void Dispose()
    {
        live.MessageArrived -= OnMessageArrived;
        live.Notified -= OnNotified;
        browser.NotificationClicked -= OnNotificationClicked;
    }
}
