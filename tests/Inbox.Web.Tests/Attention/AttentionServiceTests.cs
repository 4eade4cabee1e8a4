using Inbox.Contracts;
using Inbox.Web.Attention;
using Inbox.Web.Shared;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Web.Tests.Attention;

public sealed class AttentionServiceTests : ConsoleTestContext
{
    public AttentionServiceTests()
    {
        Http.OnJson(HttpMethod.Get, "/api/conversations?unread=true&limit=200", new ConversationPage(
        [
            Fixtures.Conversation(1, "María", unread: 1),
            Fixtures.Conversation(2, "Jorge", unread: 1),
        ], null));
        Browser.Storage[AttentionPreferences.SoundKey] = "on";
        Browser.Storage[AttentionPreferences.DesktopKey] = "on";
        Browser.Permission = NotificationPermission.Granted;
    }

    private AttentionService Attention => Services.GetRequiredService<AttentionService>();

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private async Task StartLookingAtAsync(long? conversationId)
    {
        Navigation.NavigateTo(conversationId is { } id ? $"/conversations/{id}" : "/");
        await Attention.StartAsync();
    }

    [Fact]
    public async Task Customer_message_in_another_conversation_rings_and_notifies_with_name_and_text()
    {
        await StartLookingAtAsync(1);

        Live.OnMessageReceived(41, Fixtures.Inbound(900, 2, "¿Dónde está mi pedido?"));

        await Eventually.HoldsAsync(() => Assert.Single(Browser.Notices));
        Assert.Equal(new DesktopNotice(2, "Jorge", "¿Dónde está mi pedido?"), Browser.Notices[0]);
        Assert.Equal(1, Browser.Sounds);
        Assert.True(Browser.Started);
    }

    [Fact]
    public async Task An_assignment_or_a_mention_shows_a_desktop_notification_when_they_are_turned_on()
    {
        await StartLookingAtAsync(1);

        Live.OnNotified(new NotificationDto(3, NotificationKinds.Assigned, 2, 8, "Bruno Backup", null, "Jorge", Fixtures.T0));
        Live.OnNotified(new NotificationDto(4, NotificationKinds.Mention, 2, 8, "Bruno Backup", "¿Lo miras tú?", "Jorge", Fixtures.T0, MessageId: 77));

        await Eventually.HoldsAsync(() => Assert.Equal(2, Browser.Notices.Count));
        Assert.Equal(new DesktopNotice(2, "Bruno Backup assigned you the conversation with Jorge", ""), Browser.Notices[0]);
        Assert.Equal(new DesktopNotice(2, "Bruno Backup mentioned you in Jorge", "¿Lo miras tú?"), Browser.Notices[1]);

        await Attention.SetDesktopAsync(false);
        Live.OnNotified(new NotificationDto(5, NotificationKinds.Assigned, 1, 8, "Bruno Backup", null, "María", Fixtures.T0));
        Assert.Equal(2, Browser.Notices.Count);
    }

    [Fact]
    public async Task Message_in_the_open_conversation_alerts_only_when_the_tab_is_not_seen()
    {
        await StartLookingAtAsync(1);

        Live.OnMessageReceived(41, Fixtures.Inbound(900, 1, "first: seen, no alert"));
        Browser.Visible = false;
        Live.OnMessageReceived(42, Fixtures.Inbound(901, 1, "second: tab hidden"));

        await Eventually.HoldsAsync(() => Assert.Single(Browser.Notices));
        Assert.Equal("second: tab hidden", Browser.Notices[0].Body);
        Assert.Equal(1, Browser.Sounds);
    }

    [Fact]
    public async Task Own_replies_and_private_notes_never_alert()
    {
        await StartLookingAtAsync(null);
        Browser.Visible = false;

        Live.OnMessageCreated(41, Fixtures.Outbound(900, 2, "my reply"));
        Live.OnMessageCreated(42, Fixtures.Outbound(901, 2, "a private note", isPrivate: true));
        Live.OnMessageCreated(43, Fixtures.Inbound(902, 2, "a note that claims to be inbound") with { IsPrivate = true });
        Live.OnMessageReceived(44, Fixtures.Inbound(903, 1, "the customer"));

        await Eventually.HoldsAsync(() => Assert.Single(Browser.Notices));
        Assert.Equal("the customer", Browser.Notices[0].Body);
        Assert.Equal(1, Browser.Sounds);
    }

    [Fact]
    public async Task Preferences_decide_sound_and_desktop_separately()
    {
        Browser.Storage[AttentionPreferences.SoundKey] = "off";
        await StartLookingAtAsync(null);

        Live.OnMessageReceived(41, Fixtures.Inbound(900, 2, "hola"));
        await Eventually.HoldsAsync(() => Assert.Single(Browser.Notices));
        Assert.Equal(0, Browser.Sounds);

        await Attention.SetDesktopAsync(false);
        await Attention.SetSoundAsync(true);
        var sample = Browser.Sounds; // turning sound on plays a sample
        Live.OnMessageReceived(42, Fixtures.Inbound(901, 2, "otra vez"));

        await Eventually.HoldsAsync(() => Assert.Equal(sample + 1, Browser.Sounds));
        Assert.Single(Browser.Notices);
        Assert.Equal("on", Browser.Storage[AttentionPreferences.SoundKey]);
        Assert.Equal("off", Browser.Storage[AttentionPreferences.DesktopKey]);
    }

    [Fact]
    public async Task Nothing_is_asked_of_the_browser_when_both_are_off()
    {
        Browser.Storage.Clear();
        await StartLookingAtAsync(null);

        Live.OnMessageReceived(41, Fixtures.Inbound(900, 2, "hola"));
        await Task.Delay(50);

        Assert.Empty(Browser.Notices);
        Assert.Equal(0, Browser.Sounds);
        Assert.Equal(0, Browser.PermissionRequests);
    }

    [Fact]
    public async Task Notification_text_is_the_plain_message_cut_to_80_characters()
    {
        await StartLookingAtAsync(null);
        var text = "<b>Hola</b>\n\n  " + new string('x', 100);

        Live.OnMessageReceived(41, Fixtures.Inbound(900, 2, text));

        await Eventually.HoldsAsync(() => Assert.Single(Browser.Notices));
        var body = Browser.Notices[0].Body;
        Assert.StartsWith("<b>Hola</b> xxx", body); // as written, never interpreted; line breaks folded
        Assert.EndsWith("…", body);
        Assert.Equal(81, body.Length);
    }

    [Fact]
    public async Task Unknown_conversation_is_fetched_for_the_contact_name()
    {
        Http.OnJson(HttpMethod.Get, Routes.Conversation(9), Fixtures.Conversation(9, "Nueva Clienta", unread: 1));
        await StartLookingAtAsync(null);

        Live.OnMessageReceived(41, Fixtures.Inbound(900, 9, "primera vez"));

        await Eventually.HoldsAsync(() => Assert.Single(Browser.Notices));
        Assert.Equal("Nueva Clienta", Browser.Notices[0].Title);
    }

    [Fact]
    public async Task Clicking_a_notification_opens_its_conversation()
    {
        await StartLookingAtAsync(1);

        Browser.ClickNotification(2);

        Assert.Equal("http://localhost/conversations/2", Navigation.Uri);
    }

    [Fact]
    public async Task Permission_is_requested_only_when_the_agent_enables_notifications()
    {
        Browser.Storage.Clear();
        Browser.Permission = NotificationPermission.Default;
        await StartLookingAtAsync(null);
        Assert.Equal(0, Browser.PermissionRequests);

        var answer = await Attention.SetDesktopAsync(true);

        Assert.Equal(NotificationPermission.Granted, answer);
        Assert.Equal(1, Browser.PermissionRequests);
        Assert.True(Attention.Preferences.Desktop);
        Assert.Equal("on", Browser.Storage[AttentionPreferences.DesktopKey]);
    }

    [Fact]
    public async Task Denied_permission_leaves_notifications_off()
    {
        Browser.Storage.Clear();
        Browser.Permission = NotificationPermission.Denied;
        await StartLookingAtAsync(null);

        var answer = await Attention.SetDesktopAsync(true);

        Assert.Equal(NotificationPermission.Denied, answer);
        Assert.Equal(0, Browser.PermissionRequests); // the browser would not ask again anyway
        Assert.False(Attention.Preferences.Desktop);
    }

    [Fact]
    public async Task Signing_out_stops_alerts()
    {
        await StartLookingAtAsync(null);

        await Attention.StopAsync();
        Live.OnMessageReceived(41, Fixtures.Inbound(900, 2, "hola"));
        await Task.Delay(50);

        Assert.Empty(Browser.Notices);
        Assert.False(Browser.Started);
    }
}
