using Inbox.Contracts;
using Inbox.Web.Conversations;
using Inbox.Web.Notifications;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Web.Tests.AgentTools;

/// <summary>The bell: a note names the picked agents; the mentioned (or assigned) agent's bell counts what is new and lists it.</summary>
public sealed class NotificationBellTests : ConsoleTestContext
{
    private static NotificationDto Mention(long id, string text) =>
        new(id, NotificationKinds.Mention, 12, 8, "Bruno Backup", text, "María", Fixtures.T0, MessageId: 500 + id);

    [Fact]
    public async Task A_live_mention_raises_the_badge_and_opening_the_bell_lists_it_and_clears_the_badge()
    {
        Http.OnJson(HttpMethod.Get, Routes.Notifications, new[] { Mention(40, "old one") });
        Browser.Storage[NotificationInbox.SeenKey] = "40";
        var popovers = Render<MudBlazor.MudPopoverProvider>();
        Render<MudBlazor.MudSnackbarProvider>();
        await SignInAsync();
        var inbox = Services.GetRequiredService<NotificationInbox>();
        var cut = Render<NotificationBell>();
        cut.WaitForAssertion(() => Assert.Single(inbox.Items));
        Assert.Equal(0, inbox.Unseen);
        Assert.Empty(cut.FindAll(".mud-badge.mud-badge-top"));

        Live.OnNotified(Mention(41, "¿Puedes mirar esta devolución?"));

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find(".notification-badge .mud-badge").TextContent.Trim()));
        Assert.Equal(1, inbox.Unseen);
        cut.Find(".notification-bell button").Click();
        popovers.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".notification-item"), e => e.TextContent.Contains("¿Puedes mirar esta devolución?")));
        cut.WaitForAssertion(() => Assert.Equal(0, inbox.Unseen));
        Assert.Equal("41", Browser.Storage[NotificationInbox.SeenKey]);
    }

    [Fact]
    public async Task An_assignment_by_someone_else_is_in_the_bell_with_who_assigned_which_conversation()
    {
        Http.OnJson(HttpMethod.Get, Routes.Notifications, Array.Empty<NotificationDto>());
        var popovers = Render<MudBlazor.MudPopoverProvider>();
        Render<MudBlazor.MudSnackbarProvider>();
        await SignInAsync();
        var inbox = Services.GetRequiredService<NotificationInbox>();
        var cut = Render<NotificationBell>();
        cut.WaitForAssertion(() => Assert.Contains(Http.Requests, r => r.PathAndQuery == Routes.Notifications));

        Live.OnNotified(new NotificationDto(7, NotificationKinds.Assigned, 12, 8, "Bruno Backup", null, "María", Fixtures.T0));

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find(".notification-badge .mud-badge").TextContent.Trim()));
        cut.Find(".notification-bell button").Click();
        popovers.WaitForAssertion(() => Assert.Equal("Bruno Backup assigned you María",
            popovers.Find(".notification-item.notification-assigned .notification-who").TextContent.Trim()));
        Assert.Empty(popovers.FindAll(".notification-item .notification-text"));
    }

    [Fact]
    public async Task A_note_sends_the_agents_picked_with_at_whose_names_are_still_in_it()
    {
        var sent = new List<ComposerSubmission>();
        await SignInAsync();
        var bruno = Fixtures.Agent(8, "Bruno Backup");
        var cut = Render<Composer>(p => p
            .Add(x => x.Agents, [Me, bruno])
            .Add(x => x.CurrentUserId, Me.Id)
            .Add(x => x.OnSubmit, s => { sent.Add(s); return Task.FromResult(true); }));
        cut.FindAll(".composer-mode button")[1].Click();

        cut.Find("textarea").Input("Mira esto @Br");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".mention-option")));
        cut.Find(".mention-option").Click();
        cut.WaitForAssertion(() => Assert.Equal("Mira esto @Bruno Backup ", cut.Find("textarea").GetAttribute("value")));
        cut.Find("button.composer-send").Click();

        cut.WaitForAssertion(() => Assert.Single(sent));
        Assert.True(sent[0].IsNote);
        Assert.Equal([8L], sent[0].MentionedUserIds);
    }
}
