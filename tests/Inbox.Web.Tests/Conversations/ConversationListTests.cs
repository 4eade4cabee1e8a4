using Inbox.Contracts;
using Inbox.Web.Conversations;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests.Conversations;

public sealed class ConversationListTests : ConsoleTestContext
{
    public ConversationListTests()
    {
        Http.OnJson(HttpMethod.Get, Routes.Conversations, new ConversationPage(
        [
            Fixtures.Conversation(1, "María", assigneeId: Me.Id, at: Fixtures.T0.AddMinutes(10)),
            Fixtures.Conversation(2, "Jorge", assigneeId: Me.Id, at: Fixtures.T0.AddMinutes(5)),
        ], "next-1"));
        Http.OnJson(HttpMethod.Get, Routes.Conversations + "?status=open&cursor=next-1&limit=30", new ConversationPage(
        [
            Fixtures.Conversation(3, "Lucía", assigneeId: Me.Id, at: Fixtures.T0),
        ], null));
    }

    private static string[] Names(IRenderedComponent<ConversationList> cut) =>
        cut.FindAll(".conversation-name").Select(e => e.TextContent.Trim()).ToArray();

    [Fact]
    public async Task Asks_for_all_open_conversations_by_default_and_renders_rows()
    {
        await SignInAsync();
        var cut = Render<ConversationList>();

        cut.WaitForAssertion(() => Assert.Equal(["María", "Jorge"], Names(cut)));
        Assert.Contains(Http.Requests, r => r.PathAndQuery == "/api/conversations?status=open&limit=30");
        Assert.Empty(cut.FindAll(".unread-badge"));
    }

    [Fact]
    public async Task Live_update_moves_conversation_to_top_with_unread_badge()
    {
        await SignInAsync();
        var cut = Render<ConversationList>();
        cut.WaitForAssertion(() => Assert.Equal(["María", "Jorge"], Names(cut)));

        Live.OnConversationUpdated(41, Fixtures.Conversation(2, "Jorge", unread: 3, assigneeId: Me.Id,
            at: Fixtures.T0.AddMinutes(20), preview: "¿Dónde está mi pedido?"));

        cut.WaitForAssertion(() => Assert.Equal(["Jorge", "María"], Names(cut)));
        var top = cut.FindAll(".conversation-row")[0];
        Assert.Equal("3", top.QuerySelector(".unread-badge")!.TextContent.Trim());
        Assert.Equal("¿Dónde está mi pedido?", top.QuerySelector(".conversation-preview")!.TextContent);
        Assert.Contains("unread", top.ClassList);
    }

    [Fact]
    public async Task Live_update_that_leaves_the_filter_removes_the_row()
    {
        await SignInAsync();
        var cut = Render<ConversationList>();
        cut.WaitForAssertion(() => Assert.Equal(2, Names(cut).Length));

        Live.OnConversationUpdated(42, Fixtures.Conversation(1, "María", assigneeId: Me.Id, status: ConversationStatus.Resolved,
            at: Fixtures.T0.AddMinutes(30)));

        cut.WaitForAssertion(() => Assert.Equal(["Jorge"], Names(cut)));
    }

    [Fact]
    public async Task Duplicate_event_id_is_applied_once()
    {
        await SignInAsync();
        var cut = Render<ConversationList>();
        cut.WaitForAssertion(() => Assert.Equal(2, Names(cut).Length));

        Live.OnConversationUpdated(50, Fixtures.Conversation(2, "Jorge", unread: 1, assigneeId: Me.Id, at: Fixtures.T0.AddMinutes(20)));
        // A stale replay of the same event must not overwrite a newer local state.
        Live.OnConversationUpdated(0, Fixtures.Conversation(2, "Jorge", unread: 0, assigneeId: Me.Id, at: Fixtures.T0.AddMinutes(21)));
        Live.OnConversationUpdated(50, Fixtures.Conversation(2, "Jorge", unread: 1, assigneeId: Me.Id, at: Fixtures.T0.AddMinutes(20)));

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".unread-badge")));
    }

    [Fact]
    public async Task Load_more_appends_the_next_page()
    {
        await SignInAsync();
        var cut = Render<ConversationList>();
        cut.WaitForAssertion(() => Assert.Equal(2, Names(cut).Length));

        cut.Find(".load-more").Click();

        cut.WaitForAssertion(() => Assert.Equal(["María", "Jorge", "Lucía"], Names(cut)));
        Assert.Empty(cut.FindAll(".load-more"));
    }

    [Fact]
    public async Task New_conversation_message_fetches_and_inserts_it()
    {
        Http.OnJson(HttpMethod.Get, Routes.Conversation(9), Fixtures.Conversation(9, "Nueva", unread: 1, assigneeId: Me.Id, at: Fixtures.T0.AddHours(1)));
        await SignInAsync();
        var cut = Render<ConversationList>();
        cut.WaitForAssertion(() => Assert.Equal(2, Names(cut).Length));

        Live.OnMessageReceived(60, Fixtures.Inbound(900, 9, "hola", Fixtures.T0.AddHours(1)));

        cut.WaitForAssertion(() => Assert.Equal("Nueva", Names(cut)[0]));
    }

    [Fact]
    public async Task Conversation_removed_event_removes_the_row()
    {
        await SignInAsync();
        var cut = Render<ConversationList>();
        cut.WaitForAssertion(() => Assert.Equal(["María", "Jorge"], Names(cut)));

        Live.OnConversationRemoved(61, new ConversationRemovedDto(2, MergedIntoConversationId: 1));

        cut.WaitForAssertion(() => Assert.Equal(["María"], Names(cut)));
    }

    [Fact]
    public async Task Change_seen_while_the_list_loads_is_not_lost_to_the_older_page()
    {
        var release = new TaskCompletionSource();
        Http.OnAsync(HttpMethod.Get, Routes.Conversations, async _ =>
        {
            await release.Task; // the page was read before the live change below
            return FakeHttpHandler.Json(new ConversationPage(
            [
                Fixtures.Conversation(1, "María", assigneeId: Me.Id, at: Fixtures.T0.AddMinutes(10)),
                Fixtures.Conversation(2, "Jorge", assigneeId: Me.Id, at: Fixtures.T0.AddMinutes(5)),
            ], null));
        });
        await SignInAsync();
        var cut = Render<ConversationList>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".mud-progress-linear")));

        Live.OnConversationRemoved(62, new ConversationRemovedDto(1, null));
        release.SetResult();

        cut.WaitForAssertion(() => Assert.Equal(["Jorge"], Names(cut)));
    }
}
