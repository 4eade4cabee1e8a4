using Inbox.Contracts;
using Inbox.Web.Conversations;
using Inbox.Web.Shared;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Inbox.Web.Tests.Conversations;

public sealed class ConversationListNavigationTests : ConsoleTestContext
{
    public ConversationListNavigationTests()
    {
        Http.OnJson(HttpMethod.Get, Routes.Conversations, new ConversationPage(
        [
            Fixtures.Conversation(1, "María", assigneeId: Me.Id, at: Fixtures.T0.AddMinutes(10)),
            Fixtures.Conversation(2, "Jorge", at: Fixtures.T0.AddMinutes(5)) with { LastChannelId = 4 },
            Fixtures.Conversation(3, "Lucía", at: Fixtures.T0) with { LastChannelId = 99 },
        ], null));
        Http.OnJson(HttpMethod.Get, Routes.Channels, new[]
        {
            Fixtures.ApiChannel(1, "WhatsApp ventas") with { Type = ChannelTypes.WhatsApp },
            Fixtures.ApiChannel(4, "Soporte por correo") with { Type = ChannelTypes.Email },
        });
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private async Task<IRenderedComponent<ConversationList>> RenderListAsync(long? selected)
    {
        await SignInAsync();
        var cut = Render<ConversationList>(p => p.Add(x => x.SelectedId, selected));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".conversation-row").Count));
        return cut;
    }

    [Fact]
    public async Task Next_shortcut_opens_the_conversation_below_the_selected_one()
    {
        await RenderListAsync(selected: 1);

        Browser.Press(ShortcutAction.Next);

        Assert.Equal("http://localhost/conversations/2", Navigation.Uri);
        Assert.Equal([2L], Browser.Revealed);
    }

    [Fact]
    public async Task Previous_shortcut_opens_the_one_above_and_stops_at_the_top()
    {
        var cut = await RenderListAsync(selected: 2);

        Browser.Press(ShortcutAction.Previous);
        Assert.Equal("http://localhost/conversations/1", Navigation.Uri);

        cut.Render(p => p.Add(x => x.SelectedId, 1L));
        Navigation.NavigateTo("/conversations/1");
        Browser.Press(ShortcutAction.Previous);
        Assert.Equal("http://localhost/conversations/1", Navigation.Uri);
        Assert.Equal([1L], Browser.Revealed);
    }

    [Fact]
    public async Task Next_with_nothing_open_opens_the_first_conversation()
    {
        await RenderListAsync(selected: null);

        Browser.Press(ShortcutAction.Next);

        Assert.Equal("http://localhost/conversations/1", Navigation.Uri);
    }

    [Fact]
    public async Task Rows_show_the_channel_of_the_last_message_and_the_assignee_initials()
    {
        var cut = await RenderListAsync(selected: null);

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".conversation-channel").Count));
        var rows = cut.FindAll(".conversation-row");
        Assert.Equal(ChannelTypes.WhatsApp, rows[0].QuerySelector(".conversation-channel")!.GetAttribute("data-channel-type"));
        Assert.Equal(ChannelTypes.Email, rows[1].QuerySelector(".conversation-channel")!.GetAttribute("data-channel-type"));
        Assert.Equal("Email · Soporte por correo", rows[1].QuerySelector(".conversation-channel")!.GetAttribute("title"));
        Assert.Null(rows[2].QuerySelector(".conversation-channel")); // channel 99 is unknown
        var assignee = rows[0].QuerySelector(".conversation-assignee")!;
        Assert.Equal("AA", assignee.TextContent.Trim());
        Assert.Equal("Assigned to Ana Agent", assignee.GetAttribute("title"));
        Assert.Null(rows[1].QuerySelector(".conversation-assignee"));
    }

    [Theory]
    [InlineData(AssigneeView.Unassigned, "No unassigned conversations — nice!")]
    [InlineData(AssigneeView.Mine, "Nothing assigned to you right now.")]
    [InlineData(AssigneeView.All, "No open conversations. All caught up!")]
    public async Task Empty_list_says_what_is_empty(AssigneeView view, string expected)
    {
        Http.OnJson(HttpMethod.Get, Routes.Conversations, new ConversationPage([], null));
        Render<MudPopoverProvider>();
        await SignInAsync();
        var cut = Render<ConversationList>();
        cut.WaitForAssertion(() => Assert.Contains("All caught up", cut.Find(".conversation-empty").TextContent));

        var index = view switch { AssigneeView.Mine => 0, AssigneeView.Unassigned => 1, _ => 2 };
        cut.FindAll(".view-tabs .mud-toggle-item")[index].Click();

        cut.WaitForAssertion(() => Assert.Equal(expected, cut.Find(".conversation-empty-text").TextContent.Trim()));
    }

    [Fact]
    public async Task Empty_list_in_spanish()
    {
        Http.OnJson(HttpMethod.Get, Routes.Conversations, new ConversationPage([], null));
        Culture.Set("es");
        await SignInAsync();
        var cut = Render<ConversationList>();

        cut.WaitForAssertion(() => Assert.Equal("No hay conversaciones abiertas. ¡Todo al día!", cut.Find(".conversation-empty-text").TextContent.Trim()));
    }
}
