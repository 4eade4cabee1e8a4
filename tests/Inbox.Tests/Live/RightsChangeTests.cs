using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Inbox.Tests.Live;

/// <summary>When what an agent may see changes, their live connection is closed so it comes back with the new rights.</summary>
public sealed class RightsChangeTests
{
    [Fact]
    public async Task Disabling_an_agent_closes_their_live_connection_and_they_cannot_reconnect()
    {
        await using var app = new InboxAppFactory();
        var admin = await app.AdminClientAsync();
        var agent = await app.CreateAgentAsync(admin, "leaver@shop.test");
        await using var live = await app.ConnectAgentAsync(agent.Token);

        (await admin.PatchAsJsonAsync(Routes.User(agent.Id), new UpdateUserRequest(Disabled: true))).EnsureSuccessOrDump();

        await live.Closed.WaitAsync(TimeSpan.FromSeconds(15));
        await Assert.ThrowsAnyAsync<Exception>(() => live.Connection.StartAsync());
        Assert.Equal(HubConnectionState.Disconnected, live.Connection.State);
    }

    [Fact]
    public async Task A_new_team_member_is_reconnected_and_then_receives_the_teams_conversations()
    {
        await using var app = new InboxAppFactory();
        var admin = await app.AdminClientAsync();
        var channel = await app.CreateApiChannelAsync(admin);
        var agent = await app.CreateAgentAsync(admin, "mayorista@shop.test");
        await using var before = await app.ConnectAgentAsync(agent.Token);

        var team = await admin.CreateTeamAsync("Mayoristas", agent.Id);
        await before.Closed.WaitAsync(TimeSpan.FromSeconds(15));

        await using var after = await app.ConnectAgentAsync(agent.Token);
        var first = await app.PushAcceptedAsync(channel, "t-1", "+34655000111", "Pedido grande");
        await admin.AssignAsync(first.ConversationId, null, team.Id);
        var second = await app.PushAcceptedAsync(channel, "t-2", "+34655000111", "¿Precio por 50 unidades?");
        var message = await after.WaitForAsync<MessageDto>(nameof(IAgentClient.MessageReceived), m => m.Id == second.MessageId);
        Assert.Equal(first.ConversationId, message.ConversationId);
    }
}
