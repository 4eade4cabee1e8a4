using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using Inbox.Tests.Widget;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Live;

/// <summary>Agent status: the Online/Away choice is stored per agent and shown while they are connected; with no live
/// connection they are offline. Others are told of every change live; the widget counts only Online agents.</summary>
public sealed class AgentStatusTests(SharedInbox shared) : SharedInboxTest(shared)
{
    private async Task<IReadOnlyList<AgentStatusDto>> StatusesAsync(HttpClient client) =>
        await client.GetJsonAsync<List<AgentStatusDto>>(Routes.AgentStatuses);

    [Fact]
    public async Task The_choice_is_stored_and_shown_while_connected_and_an_agent_with_no_connection_is_offline()
    {
        var agent = await App.CreateAgentAsync(Admin, $"status-{Guid.NewGuid():N}@shop.test");
        await using var observer = await App.ConnectAgentAsync(AdminToken);
        Assert.DoesNotContain(await StatusesAsync(Admin), s => s.UserId == agent.Id);
        Assert.Equal(AgentAvailability.Online, (await agent.Client.GetJsonAsync<UserDto>(Routes.Me)).Availability);

        var live = await App.ConnectAgentAsync(agent.Token);
        await observer.WaitForAsync<AgentStatusDto>(nameof(IAgentClient.AgentStatusChanged), s => s.UserId == agent.Id && s.Status == AgentStatus.Online);
        Assert.Contains(new AgentStatusDto(agent.Id, AgentStatus.Online), await StatusesAsync(Admin));

        var away = await (await agent.Client.PutAsJsonAsync(Routes.MyAvailability, new SetAvailabilityRequest(AgentAvailability.Away))).ReadJsonOrDumpAsync<AgentStatusDto>();
        Assert.Equal(AgentStatus.Away, away.Status);
        await observer.WaitForAsync<AgentStatusDto>(nameof(IAgentClient.AgentStatusChanged), s => s.UserId == agent.Id && s.Status == AgentStatus.Away);
        Assert.Contains(new AgentStatusDto(agent.Id, AgentStatus.Away), await StatusesAsync(agent.Client));

        // No connection left: offline, whatever the choice; the choice itself stays stored.
        var before = observer.Received.Count;
        await live.DisposeAsync();
        await observer.WaitForAsync<AgentStatusDto>(nameof(IAgentClient.AgentStatusChanged), s => s.UserId == agent.Id && s.Status == AgentStatus.Offline, after: before);
        Assert.DoesNotContain(await StatusesAsync(Admin), s => s.UserId == agent.Id);
        Assert.Equal(AgentAvailability.Away, (await agent.Client.GetJsonAsync<UserDto>(Routes.Me)).Availability);
        Assert.Contains(await Admin.GetJsonAsync<List<UserDto>>(Routes.Users), u => u.Id == agent.Id && u.Availability == AgentAvailability.Away);

        // Back (a reload): still away.
        before = observer.Received.Count;
        await using var again = await App.ConnectAgentAsync(agent.Token);
        await observer.WaitForAsync<AgentStatusDto>(nameof(IAgentClient.AgentStatusChanged), s => s.UserId == agent.Id && s.Status == AgentStatus.Away, after: before);
        var offline = await (await agent.Client.PutAsJsonAsync(Routes.MyAvailability, new SetAvailabilityRequest(AgentAvailability.Online))).ReadJsonOrDumpAsync<AgentStatusDto>();
        Assert.Equal(AgentStatus.Online, offline.Status);
    }

    [Fact]
    public async Task A_second_tab_closing_leaves_the_agent_online_and_a_missing_choice_is_refused()
    {
        var agent = await App.CreateAgentAsync(Admin, $"status-{Guid.NewGuid():N}@shop.test");
        await using var observer = await App.ConnectAgentAsync(AdminToken);
        await using var first = await App.ConnectAgentAsync(agent.Token);
        var second = await App.ConnectAgentAsync(agent.Token);
        await observer.WaitForAsync<AgentStatusDto>(nameof(IAgentClient.AgentStatusChanged), s => s.UserId == agent.Id && s.Status == AgentStatus.Online);

        var before = observer.Received.Count;
        await second.DisposeAsync();
        var connections = App.Services.GetRequiredService<Inbox.Server.Hubs.AgentConnections>();
        await Eventually.GetAsync(() => Task.FromResult(connections.Count(agent.Id)), n => n == 1);
        Assert.Contains(new AgentStatusDto(agent.Id, AgentStatus.Online), await StatusesAsync(Admin));
        Assert.DoesNotContain(observer.Received.Skip(before), r => r.Payload is AgentStatusDto s && s.UserId == agent.Id);

        var missing = await agent.Client.PutAsJsonAsync(Routes.MyAvailability, new { });
        Assert.Contains("availability", await missing.AssertStatusAsync(HttpStatusCode.BadRequest));
        var unknown = await agent.Client.PutAsync(Routes.MyAvailability, JsonContent.Create(new { availability = "busy" }));
        await unknown.AssertStatusAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_widget_counts_only_online_agents_as_there_to_answer()
    {
        // Its own server: no other test's agent may be connected meanwhile.
        await using var app = new InboxAppFactory();
        var token = await app.AdminTokenAsync();
        var admin = app.BearerClient(token);
        var channel = await app.CreateWebChatAsync(admin);
        await using (var nobody = await app.OpenWidgetAsync(channel))
            Assert.False(nobody.Session.Config.Online);

        await using var live = await app.ConnectAgentAsync(token);
        await using (var online = await app.OpenWidgetAsync(channel))
            Assert.True(online.Session.Config.Online);

        await (await admin.PutAsJsonAsync(Routes.MyAvailability, new SetAvailabilityRequest(AgentAvailability.Away))).AssertStatusAsync(HttpStatusCode.OK);
        await using (var away = await app.OpenWidgetAsync(channel))
            Assert.False(away.Session.Config.Online);
    }
}
