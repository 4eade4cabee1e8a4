using Inbox.Contracts;
using Inbox.Web.Conversations;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests.AgentTools;

/// <summary>The list shows labels on its rows, filters by one (asking the server), and keeps live rows to the filter.</summary>
public sealed class LabelFilterTests : ConsoleTestContext
{
    private static readonly LabelDto Vip = new(3, "VIP", "#e53935");
    private static readonly LabelDto Refund = new(4, "Refund", "#1e88e5");

    public LabelFilterTests()
    {
        Http.OnJson(HttpMethod.Get, Routes.Labels, new[] { Vip, Refund });
        Http.OnJson(HttpMethod.Get, Routes.Conversations, new ConversationPage(
        [
            Fixtures.Conversation(1, "María", at: Fixtures.T0.AddMinutes(10)) with { LabelIds = [Vip.Id] },
            Fixtures.Conversation(2, "Jorge", at: Fixtures.T0.AddMinutes(5)),
        ], null));
        Http.OnJson(HttpMethod.Get, $"{Routes.Conversations}?status=open&labelId=3&limit=30", new ConversationPage(
        [
            Fixtures.Conversation(1, "María", at: Fixtures.T0.AddMinutes(10)) with { LabelIds = [Vip.Id] },
        ], null));
    }

    private static string[] Names(IRenderedComponent<ConversationList> cut) =>
        cut.FindAll(".conversation-name").Select(e => e.TextContent.Trim()).ToArray();

    [Fact]
    public async Task Picking_a_label_lists_only_its_conversations_and_a_live_row_without_it_leaves()
    {
        var popovers = Render<MudBlazor.MudPopoverProvider>();
        await SignInAsync();
        var cut = Render<ConversationList>();
        cut.WaitForAssertion(() => Assert.Equal(["María", "Jorge"], Names(cut)));
        cut.WaitForAssertion(() => Assert.Equal("VIP", cut.Find(".conversation-row[data-conversation-id='1'] .label-chip").TextContent));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".label-filter")));
        cut.Find(".label-filter .mud-input-control, .label-filter").MouseDown();
        popovers.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".mud-list-item"), e => e.TextContent.Trim() == "VIP"));
        popovers.FindAll(".mud-list-item").First(e => e.TextContent.Trim() == "VIP").Click();

        cut.WaitForAssertion(() => Assert.Equal(["María"], Names(cut)));
        Assert.Contains(Http.Requests, r => r.PathAndQuery == "/api/conversations?status=open&labelId=3&limit=30");

        Live.OnConversationUpdated(60, Fixtures.Conversation(1, "María", at: Fixtures.T0.AddMinutes(20)) with { LabelIds = [Refund.Id] });
        cut.WaitForAssertion(() => Assert.Empty(Names(cut)));
        Live.OnConversationUpdated(61, Fixtures.Conversation(2, "Jorge", at: Fixtures.T0.AddMinutes(21)) with { LabelIds = [Vip.Id] });
        cut.WaitForAssertion(() => Assert.Equal(["Jorge"], Names(cut)));
    }
}
