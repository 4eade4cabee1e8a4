using Inbox.Contracts;
using Inbox.Web.Conversations;
using Inbox.Web.Layout;
using Inbox.Web.Presence;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Inbox.Web.Tests.Presence;

/// <summary>Agent status beside names (read at start, kept current live), the agent's own Online/Away choice, and who
/// else is viewing a conversation on its list row.</summary>
public sealed class AgentPresenceTests : ConsoleTestContext
{
    [Fact]
    public async Task The_status_dot_shows_what_the_server_said_and_follows_live_changes()
    {
        Http.OnJson(HttpMethod.Get, Routes.AgentStatuses, new[] { new AgentStatusDto(8, AgentStatus.Away) });
        await SignInAsync();

        var bruno = Render<AgentStatusDot>(p => p.Add(x => x.UserId, 8));
        var nobody = Render<AgentStatusDot>(p => p.Add(x => x.UserId, 99));

        bruno.WaitForAssertion(() => Assert.Contains("agent-status-away", bruno.Find(".agent-status").ClassList));
        Assert.Equal("Away", bruno.Find(".agent-status").GetAttribute("aria-label"));
        Assert.Contains("agent-status-offline", nobody.Find(".agent-status").ClassList);

        Live.OnAgentStatusChanged(new AgentStatusDto(8, AgentStatus.Online));
        bruno.WaitForAssertion(() => Assert.Contains("agent-status-online", bruno.Find(".agent-status").ClassList));
        Live.OnAgentStatusChanged(new AgentStatusDto(8, AgentStatus.Offline));
        bruno.WaitForAssertion(() => Assert.Contains("agent-status-offline", bruno.Find(".agent-status").ClassList));
    }

    [Fact]
    public async Task The_assignee_select_shows_each_agents_status()
    {
        Http.OnJson(HttpMethod.Get, Routes.AgentStatuses, new[] { new AgentStatusDto(8, AgentStatus.Online) });
        var popovers = Render<MudPopoverProvider>();
        await SignInAsync();
        var select = Render<AssigneeSelect>(p => p.Add(x => x.Users, [Me, Fixtures.Agent(8, "Bruno Backup")]));

        await select.InvokeAsync(() => select.FindComponent<MudSelect<long>>().Instance.OpenMenu());

        popovers.WaitForAssertion(() => Assert.Contains("agent-status-online", popovers.Find(".agent-status[data-user-id='8']").ClassList));
        Assert.Contains("agent-status-offline", popovers.Find($".agent-status[data-user-id='{Me.Id}']").ClassList);
    }

    [Fact]
    public async Task Choosing_away_in_the_profile_menu_is_saved_and_shown_as_the_choice()
    {
        Http.OnJson(HttpMethod.Put, Routes.MyAvailability, new AgentStatusDto(Me.Id, AgentStatus.Away));
        var popovers = Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        await SignInAsync();
        var menu = Render<ProfileMenu>();
        menu.Find(".profile-menu button").Click();
        Assert.Contains("chosen", popovers.WaitForElement(".menu-status-online").ClassList);

        popovers.Find(".menu-status-away").Click();

        popovers.WaitForAssertion(() => Assert.Contains(Http.Requests, r => r.Method == HttpMethod.Put && r.PathAndQuery == Routes.MyAvailability));
        Assert.Contains("\"availability\":\"away\"", Http.Requests.Last(r => r.PathAndQuery == Routes.MyAvailability).Body);
        menu.Find(".profile-menu button").Click();
        popovers.WaitForAssertion(() => Assert.Contains("chosen", popovers.Find(".menu-status-away").ClassList));
        Assert.DoesNotContain("chosen", popovers.Find(".menu-status-online").ClassList);
        Assert.Equal(AgentStatus.Away, Services.GetRequiredService<PresenceBoard>().StatusOf(Me.Id));
    }

    [Fact]
    public async Task A_list_row_shows_who_else_is_viewing_it_and_follows_live_changes()
    {
        Http.OnJson(HttpMethod.Get, Routes.ConversationViewers, new[]
        {
            new ConversationViewersDto(5, [new(Me.Id, Me.DisplayName, false), new(9, "Lucía Ruiz", false)]),
            new ConversationViewersDto(6, [new(10, "Otro Agente", true)]),
        });
        await SignInAsync();

        var row = Render<ConversationListItem>(p => p.Add(x => x.Conversation, Fixtures.Conversation(5, "María")));

        // Lucía only: the signed-in agent is not shown to themselves, nor the other thread's viewer.
        row.WaitForAssertion(() => Assert.Single(row.FindAll(".conversation-viewer")));
        var lucia = row.Find(".conversation-viewer");
        Assert.Equal(("LR", "Lucía Ruiz is viewing", "9"), (lucia.TextContent.Trim(), lucia.GetAttribute("aria-label"), lucia.GetAttribute("data-user-id")));

        Live.OnViewersChanged(new ConversationViewersDto(5, [new(9, "Lucía Ruiz", true), new(11, "Luis Gil", false), new(12, "Eva Paz", false)]));
        row.WaitForAssertion(() => Assert.Equal(["LR", "LG", "+1"], row.FindAll(".conversation-viewer").Select(e => e.TextContent.Trim())));
        Assert.Contains("replying", row.Find(".conversation-viewer").ClassList);

        Live.OnViewersChanged(new ConversationViewersDto(5, []));
        row.WaitForAssertion(() => Assert.Empty(row.FindAll(".conversation-viewers")));
    }
}
