using Inbox.Contracts;
using Inbox.Web.Conversations;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests.Conversations;

/// <summary>First run: an empty inbox with no channel says what to do next.</summary>
public sealed class ConversationListOnboardingTests : ConsoleTestContext
{
    public ConversationListOnboardingTests()
    {
        Http.OnJson(HttpMethod.Get, Routes.Conversations, new ConversationPage([], null));
    }

    [Fact]
    public async Task An_admin_with_no_channels_is_asked_to_connect_the_first_one()
    {
        SignInAsAdmin();
        await SignInAsync();
        var cut = Render<ConversationList>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".onboarding-card")));
        Assert.Contains("Connect your first channel", cut.Find(".onboarding-title").TextContent);
        Assert.Equal("settings/channels", cut.Find("a.onboarding-connect").GetAttribute("href"));
        Assert.DoesNotContain("Ask an admin", cut.Find(".onboarding-card").TextContent);
    }

    [Fact]
    public async Task No_onboarding_once_a_channel_exists()
    {
        SignInAsAdmin();
        Http.OnJson(HttpMethod.Get, Routes.Channels, new[] { Fixtures.ApiChannel(1, "Shop API") });
        await SignInAsync();
        var cut = Render<ConversationList>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".conversation-empty-text")));
        cut.WaitForAssertion(() => Assert.Contains(Http.Requests, r => r.PathAndQuery == Routes.Channels));
        cut.Render();
        Assert.Empty(cut.FindAll(".onboarding-card"));
    }

    [Fact]
    public async Task An_agent_is_told_to_ask_an_admin_in_their_language()
    {
        Culture.Set("es");
        await SignInAsync();
        var cut = Render<ConversationList>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".onboarding-card")));
        Assert.Contains("Pide a un administrador que conecte un canal", cut.Find(".onboarding-card").TextContent);
        Assert.Empty(cut.FindAll(".onboarding-connect"));
    }

    [Fact]
    public async Task No_onboarding_when_the_list_has_conversations()
    {
        SignInAsAdmin();
        Http.OnJson(HttpMethod.Get, Routes.Conversations, new ConversationPage([Fixtures.Conversation(1, "María")], null));
        await SignInAsync();
        var cut = Render<ConversationList>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".conversation-name")));
        cut.WaitForAssertion(() => Assert.Contains(Http.Requests, r => r.PathAndQuery == Routes.Channels));
        cut.Render();
        Assert.Empty(cut.FindAll(".onboarding-card"));
    }
}
