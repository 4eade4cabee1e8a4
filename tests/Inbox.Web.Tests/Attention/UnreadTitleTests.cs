using Inbox.Contracts;
using Inbox.Web.Attention;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Web.Tests.Attention;

public sealed class UnreadTitleTests : ConsoleTestContext
{
    private const string SeedUrl = "/api/conversations?unread=true&limit=200";

    public UnreadTitleTests()
    {
        Http.OnJson(HttpMethod.Get, SeedUrl, new ConversationPage(
        [
            Fixtures.Conversation(1, "María", unread: 2, at: Fixtures.T0.AddMinutes(10)),
            Fixtures.Conversation(2, "Jorge", unread: 1, at: Fixtures.T0.AddMinutes(5)),
        ], null));
    }

    private UnreadTracker Tracker => Services.GetRequiredService<UnreadTracker>();

    private static string Title(IRenderedComponent<HeadOutlet> head) => head.Find("title").TextContent;

    [Fact]
    public async Task Tab_title_shows_the_total_unread_count_and_follows_live_updates()
    {
        var head = Render<HeadOutlet>();
        Render<UnreadTitle>();
        head.WaitForAssertion(() => Assert.Equal("Inbox", Title(head)));

        await Tracker.SeedAsync();
        head.WaitForAssertion(() => Assert.Equal("(3) Inbox", Title(head)));

        // A customer writes in a third conversation: counted at once...
        Live.OnMessageReceived(41, Fixtures.Inbound(900, 3, "hola", Fixtures.T0.AddMinutes(20)));
        head.WaitForAssertion(() => Assert.Equal("(4) Inbox", Title(head)));
        // ...and the conversation update that follows (same count) does not count it twice.
        Live.OnConversationUpdated(42, Fixtures.Conversation(3, "Lucía", unread: 1, at: Fixtures.T0.AddMinutes(20)));
        head.WaitForAssertion(() => Assert.Equal("(4) Inbox", Title(head)));

        // The agent's own reply and a private note are not unread messages.
        Live.OnMessageCreated(43, Fixtures.Outbound(901, 2, "ya va", at: Fixtures.T0.AddMinutes(21)));
        Live.OnMessageCreated(44, Fixtures.Outbound(902, 2, "nota", isPrivate: true, at: Fixtures.T0.AddMinutes(22)));
        head.WaitForAssertion(() => Assert.Equal("(4) Inbox", Title(head)));

        // María's thread is read.
        Live.OnConversationUpdated(45, Fixtures.Conversation(1, "María", unread: 0, at: Fixtures.T0.AddMinutes(10)));
        head.WaitForAssertion(() => Assert.Equal("(2) Inbox", Title(head)));

        // Jorge's conversation was merged away; Lucía's read too: no count left.
        Live.OnConversationRemoved(46, new ConversationRemovedDto(2, 3));
        Live.OnConversationUpdated(47, Fixtures.Conversation(3, "Lucía", unread: 0, at: Fixtures.T0.AddMinutes(20)));
        head.WaitForAssertion(() => Assert.Equal("Inbox", Title(head)));
    }

    [Fact]
    public async Task Late_older_snapshot_does_not_bring_back_a_count()
    {
        var head = Render<HeadOutlet>();
        Render<UnreadTitle>();
        await Tracker.SeedAsync();

        Live.OnConversationUpdated(50, Fixtures.Conversation(1, "María", unread: 0, at: Fixtures.T0.AddMinutes(30)));
        Live.OnConversationUpdated(0, Fixtures.Conversation(1, "María", unread: 2, at: Fixtures.T0.AddMinutes(10)));

        head.WaitForAssertion(() => Assert.Equal("(1) Inbox", Title(head)));
    }

    [Fact]
    public async Task Settings_pages_keep_their_own_title_after_the_count()
    {
        var head = Render<HeadOutlet>();
        Render<UnreadTitle>(p => p.Add(x => x.Text, "Channels · Inbox"));
        await Tracker.SeedAsync();

        head.WaitForAssertion(() => Assert.Equal("(3) Channels · Inbox", Title(head)));
    }

    [Fact]
    public async Task More_unread_conversations_than_the_seed_reads_show_a_plus()
    {
        Http.OnJson(HttpMethod.Get, SeedUrl, new ConversationPage([Fixtures.Conversation(1, "María", unread: 5)], "more"));
        var head = Render<HeadOutlet>();
        Render<UnreadTitle>();

        await Tracker.SeedAsync();

        head.WaitForAssertion(() => Assert.Equal("(5+) Inbox", Title(head)));
    }

    [Fact]
    public async Task Resync_reads_the_count_again()
    {
        var head = Render<HeadOutlet>();
        Render<UnreadTitle>();
        await Tracker.SeedAsync();
        head.WaitForAssertion(() => Assert.Equal("(3) Inbox", Title(head)));
        Http.OnJson(HttpMethod.Get, SeedUrl, new ConversationPage([Fixtures.Conversation(2, "Jorge", unread: 7)], null));

        Live.RequestResync();

        head.WaitForAssertion(() => Assert.Equal("(7) Inbox", Title(head)));
    }
}
