using Inbox.Contracts;
using Inbox.Web.Conversations;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests.Conversations;

/// <summary>Collision detection in the thread: other agents viewing or replying show in the header, a reply in progress
/// warns above the composer, and the agent's own composer tells the hub when it holds a reply.</summary>
public sealed class ThreadPresenceTests : ConsoleTestContext
{
    public ThreadPresenceTests()
    {
        Http.OnJson(HttpMethod.Get, Routes.Conversation(5), Fixtures.Conversation(5, "María", assigneeId: Me.Id));
        Http.OnJson(HttpMethod.Get, Routes.ConversationMessages(5), new MessagePage([Fixtures.Inbound(1, 5, "¿Tienen talla M?", identityId: 502)], null));
        Http.OnJson(HttpMethod.Get, Routes.Contact(105), Fixtures.Contact(105, "María", Fixtures.Identity(502, IdentityKind.Email, "maria@example.com")));
    }

    private async Task<IRenderedComponent<ConversationView>> OpenAsync()
    {
        await SignInAsync();
        Render<MudBlazor.MudPopoverProvider>();
        var cut = Render<ConversationView>(p => p.Add(x => x.ConversationId, 5));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".message-row")));
        return cut;
    }

    [Fact]
    public async Task Other_agents_viewing_show_in_the_header_and_one_replying_warns_above_the_composer()
    {
        var cut = await OpenAsync();

        Live.OnViewersChanged(new ConversationViewersDto(5, [new(Me.Id, Me.DisplayName, false), new(9, "Lucía Ruiz", false)]));

        // Only Lucía: the signed-in agent is not shown to themselves.
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".thread-header .thread-viewer")));
        var ana = cut.Find(".thread-viewer");
        Assert.Equal(("LR", "Lucía Ruiz is viewing", "9"), (ana.TextContent.Trim(), ana.GetAttribute("aria-label"), ana.GetAttribute("data-user-id")));
        Assert.Empty(cut.FindAll(".reply-collision"));

        Live.OnViewersChanged(new ConversationViewersDto(5, [new(Me.Id, Me.DisplayName, false), new(9, "Lucía Ruiz", true)]));

        cut.WaitForAssertion(() => Assert.Equal("Lucía Ruiz is replying to this conversation", cut.Find(".reply-collision").TextContent.Trim()));
        Assert.Equal("Lucía Ruiz is replying", cut.Find(".thread-viewer-replying").GetAttribute("aria-label"));

        // Another thread's viewers change nothing here; Lucía leaving clears both.
        Live.OnViewersChanged(new ConversationViewersDto(6, [new(10, "Otro", true)]));
        Live.OnViewersChanged(new ConversationViewersDto(5, [new(Me.Id, Me.DisplayName, true)]));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".thread-viewer")));
        Assert.Empty(cut.FindAll(".reply-collision"));
    }

    [Fact]
    public async Task The_warning_and_tooltips_are_in_Spanish_when_the_console_is()
    {
        Culture.Set("es");
        var cut = await OpenAsync();

        Live.OnViewersChanged(new ConversationViewersDto(5, [new(9, "Ana", true), new(11, "Luis", false)]));

        cut.WaitForAssertion(() => Assert.Equal("Ana está respondiendo a esta conversación", cut.Find(".reply-collision").TextContent.Trim()));
        Assert.Equal(["Ana está respondiendo", "Luis está viendo"], cut.FindAll(".thread-viewer").Select(v => v.GetAttribute("aria-label")));
    }

    [Fact]
    public async Task The_composer_says_when_it_holds_a_reply_and_when_it_no_longer_does()
    {
        var cut = await OpenAsync();

        cut.Find("textarea").Input("Sí, la");
        cut.WaitForAssertion(() => Assert.Contains("replying:5:True", Hub.Calls));
        cut.Find("textarea").Input("Sí, la tenemos");
        cut.Find("textarea").Input("");
        cut.WaitForAssertion(() => Assert.Contains("replying:5:False", Hub.Calls));
        // Said once per change, not once per keystroke.
        Assert.Equal(["replying:5:True", "replying:5:False"], Hub.Calls.Where(c => c.StartsWith("replying:", StringComparison.Ordinal)));

        // A private note is not a reply to the customer.
        cut.Find("textarea").Input("Ojo con el envío");
        cut.WaitForAssertion(() => Assert.Equal(2, Hub.Calls.Count(c => c == "replying:5:True")));
        cut.FindAll(".composer-mode .mud-toggle-item").Last().Click();
        cut.WaitForAssertion(() => Assert.Equal(2, Hub.Calls.Count(c => c == "replying:5:False")));
    }
}
