using Inbox.Contracts;
using Inbox.Web.Conversations;
using Inbox.Web.Mentions;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Web.Tests.AgentTools;

/// <summary>@mentions: a note names the picked agents; the mentioned agent's bell counts what is new and lists it.</summary>
public sealed class MentionNotificationTests : ConsoleTestContext
{
    private static MentionDto Mention(long messageId, string text) =>
        new(messageId, 12, 8, "Bruno Backup", text, "María", Fixtures.T0);

    [Fact]
    public async Task A_live_mention_raises_the_badge_and_opening_the_bell_lists_it_and_clears_the_badge()
    {
        Http.OnJson(HttpMethod.Get, Routes.Mentions, new[] { Mention(40, "old one") });
        Browser.Storage[MentionInbox.SeenKey] = "40";
        var popovers = Render<MudBlazor.MudPopoverProvider>();
        Render<MudBlazor.MudSnackbarProvider>();
        await SignInAsync();
        var inbox = Services.GetRequiredService<MentionInbox>();
        var cut = Render<MentionBell>();
        cut.WaitForAssertion(() => Assert.Single(inbox.Items));
        Assert.Equal(0, inbox.Unseen);
        Assert.Empty(cut.FindAll(".mud-badge.mud-badge-top"));

        Live.OnMentioned(Mention(41, "¿Puedes mirar esta devolución?"));

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find(".mention-badge .mud-badge").TextContent.Trim()));
        Assert.Equal(1, inbox.Unseen);
        cut.Find(".mention-bell button").Click();
        popovers.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".mention-item"), e => e.TextContent.Contains("¿Puedes mirar esta devolución?")));
        cut.WaitForAssertion(() => Assert.Equal(0, inbox.Unseen));
        Assert.Equal("41", Browser.Storage[MentionInbox.SeenKey]);
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
