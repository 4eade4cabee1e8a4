using Inbox.Contracts;
using Inbox.Web.Conversations;
using Inbox.Web.Layout;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace Inbox.Web.Tests.Live;

/// <summary>Page load: hub connect → latest event id → lists over HTTP → replay since that id.</summary>
public sealed class StartupOrderTests : ConsoleTestContext
{
    private readonly List<string> _timeline = [];

    public StartupOrderTests()
    {
        Hub.Timeline = _timeline;
        Http.Timeline = _timeline;
        Hub.LatestEventId = 40;
        Http.OnJson(HttpMethod.Get, Routes.Conversations, new ConversationPage(
        [
            Fixtures.Conversation(1, "María", assigneeId: Me.Id, at: Fixtures.T0.AddMinutes(10)),
            Fixtures.Conversation(2, "Jorge", assigneeId: Me.Id, at: Fixtures.T0.AddMinutes(5)),
        ], null));
    }

    private IRenderedComponent<MainLayout> RenderInbox() =>
        Render<MainLayout>(p => p.Add(x => x.Body, (RenderFragment)(b =>
        {
            b.OpenComponent<ConversationList>(0);
            b.CloseComponent();
        })));

    [Fact]
    public void Takes_the_latest_event_id_before_loading_the_list_and_replays_from_it_after()
    {
        var cut = RenderInbox();

        cut.WaitForAssertion(() => Assert.Contains("hub:replay:40", _timeline));
        var start = _timeline.IndexOf("hub:start");
        var latest = _timeline.IndexOf("hub:latest");
        var list = _timeline.IndexOf("http:GET " + Routes.Conversations);
        var replay = _timeline.IndexOf("hub:replay:40");
        Assert.True(start >= 0 && start < latest, string.Join(" | ", _timeline));
        Assert.True(latest < list, string.Join(" | ", _timeline));
        Assert.True(list < replay, string.Join(" | ", _timeline));
        Assert.Equal(1, _timeline.Count(t => t.StartsWith("hub:replay", StringComparison.Ordinal)));
        Assert.Equal(40, Live.LastEventId);
    }

    [Fact]
    public void Replayed_events_land_in_the_loaded_list()
    {
        // What happened between the HTTP load and now comes back through the replay (and LiveEvents' dedupe).
        Hub.OnReplay = since => Live.OnConversationUpdated(since + 1,
            Fixtures.Conversation(2, "Jorge", unread: 4, assigneeId: Me.Id, at: Fixtures.T0.AddMinutes(30)));

        var cut = RenderInbox();

        cut.WaitForAssertion(() => Assert.Equal("Jorge", cut.FindAll(".conversation-name")[0].TextContent.Trim()));
        Assert.Equal("4", cut.Find(".unread-badge").TextContent.Trim());
        Assert.Equal(41, Live.LastEventId);
    }

    [Fact]
    public void Without_a_hub_the_list_still_loads_and_nothing_is_replayed()
    {
        Hub.LatestEventId = null;

        var cut = RenderInbox();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".conversation-name").Count));
        Assert.DoesNotContain(_timeline, t => t.StartsWith("hub:replay", StringComparison.Ordinal));
    }
}
