using Inbox.Contracts;
using Inbox.Web.Conversations;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests.Conversations;

/// <summary>What happened to the thread shows between its messages, in words with the agents' names, and a change made
/// elsewhere brings its line live; a plain new message does not reload the activity.</summary>
public sealed class ActivityLinesTests : ConsoleTestContext
{
    private static readonly DateTimeOffset T0 = Fixtures.T0;

    public ActivityLinesTests()
    {
        Http.OnJson(HttpMethod.Get, Routes.Conversation(5), Fixtures.Conversation(5, "María", assigneeId: Me.Id));
        Http.OnJson(HttpMethod.Get, Routes.ConversationMessages(5), new MessagePage(
        [
            Fixtures.Inbound(1, 5, "¿Tienen talla M?", at: T0.AddMinutes(1)),
            Fixtures.Outbound(2, 5, "Sí", MessageStatus.Sent, at: T0.AddMinutes(10)),
        ], null));
        Http.OnJson(HttpMethod.Get, Routes.Contact(105), Fixtures.Contact(105, "María", Fixtures.Identity(501, IdentityKind.Phone, "+34600000001")));
        Http.OnJson(HttpMethod.Post, Routes.ConversationRead(5), Fixtures.Conversation(5, "María", assigneeId: Me.Id));
    }

    private void ActivityIs(params ActivityDto[] lines) => Http.OnJson(HttpMethod.Get, Routes.ConversationActivity(5), lines);

    [Fact]
    public async Task Lines_sit_between_the_messages_in_time_order_and_name_the_agents()
    {
        ActivityIs(
            new ActivityDto(90, EventTypes.ConversationAssigned, T0.AddMinutes(2), 1, "Ada Admin", AgentId: 8),
            new ActivityDto(91, EventTypes.ConversationPriorityChanged, T0.AddMinutes(3), 1, "Ada Admin", From: "none", To: "high"),
            new ActivityDto(92, EventTypes.ConversationStatusChanged, T0.AddMinutes(11), null, null, From: "resolved", To: "open", Reason: "customer replied"));
        await SignInAsync();

        var cut = Render<ConversationView>(p => p.Add(x => x.ConversationId, 5));

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".activity-line").Count));
        var order = cut.FindAll(".message-row, .activity-line").Select(e => e.GetAttribute("data-message-id") ?? e.GetAttribute("data-event-id")).ToList();
        Assert.Equal(["1", "90", "91", "2", "92"], order);
        Assert.Equal("Ada Admin assigned this to Bruno Backup", cut.Find("[data-event-id='90'] span").TextContent);
        Assert.Equal("Ada Admin set the priority to High", cut.Find("[data-event-id='91'] span").TextContent);
        Assert.Equal("Reopened: the customer wrote", cut.Find("[data-event-id='92'] span").TextContent);
    }

    [Fact]
    public async Task A_status_change_elsewhere_brings_its_line_and_a_new_message_does_not_reload()
    {
        ActivityIs();
        await SignInAsync();
        var cut = Render<ConversationView>(p => p.Add(x => x.ConversationId, 5));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".message-row").Count));
        cut.WaitForAssertion(() => Assert.Single(Http.Requests, r => r.PathAndQuery == Routes.ConversationActivity(5)));

        Live.OnConversationUpdated(80, Fixtures.Conversation(5, "María", assigneeId: Me.Id, preview: "otra"));
        ActivityIs(new ActivityDto(93, EventTypes.ConversationStatusChanged, T0.AddMinutes(12), 8, "Bruno Backup", From: "open", To: "resolved"));
        Live.OnConversationUpdated(81, Fixtures.Conversation(5, "María", assigneeId: Me.Id, status: ConversationStatus.Resolved));

        cut.WaitForAssertion(() => Assert.Equal("Bruno Backup marked this resolved", cut.Find("[data-event-id='93'] span").TextContent));
        Assert.Equal(2, Http.Requests.Count(r => r.PathAndQuery == Routes.ConversationActivity(5)));
    }
}
