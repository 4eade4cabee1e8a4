using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Agents;

/// <summary>An admin reorganises teams: who joins sees the team's customers, who leaves stops seeing them.</summary>
public sealed class TeamAdministrationTests
{
    [Fact]
    public async Task Changing_a_teams_members_changes_who_sees_its_conversations_and_reconnects_them()
    {
        await using var app = new InboxAppFactory();
        var admin = await app.AdminClientAsync();
        var channel = await app.CreateApiChannelAsync(admin);
        var ana = await app.CreateAgentAsync(admin, "ana@shop.test");
        var luis = await app.CreateAgentAsync(admin, "luis@shop.test");
        var team = await admin.CreateTeamAsync("Mayoristas", ana.Id);
        var inbound = await app.PushAcceptedAsync(channel, "w-1", "+34611999000", "Pedido de 40 sillas");
        await admin.AssignAsync(inbound.ConversationId, null, team.Id);
        await using var anaLive = await app.ConnectAgentAsync(ana.Token);
        (await ana.Client.GetAsync(Routes.Conversation(inbound.ConversationId))).EnsureSuccessOrDump();
        await (await luis.Client.GetAsync(Routes.Conversation(inbound.ConversationId))).AssertStatusAsync(HttpStatusCode.NotFound);

        var response = await admin.PutAsJsonAsync(Routes.Team(team.Id), new UpdateTeamRequest("Mayoristas y empresas", [luis.Id]));

        var updated = await response.ReadJsonOrDumpAsync<TeamDto>();
        Assert.Equal("Mayoristas y empresas", updated.Name);
        Assert.Equal([luis.Id], updated.MemberIds);
        await (await ana.Client.GetAsync(Routes.Conversation(inbound.ConversationId))).AssertStatusAsync(HttpStatusCode.NotFound);
        (await luis.Client.GetAsync(Routes.Conversation(inbound.ConversationId))).EnsureSuccessOrDump();
        await anaLive.Closed.WaitAsync(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Team_edits_are_validated_and_for_admins_only()
    {
        await using var app = new InboxAppFactory();
        var admin = await app.AdminClientAsync();
        var agent = await app.CreateAgentAsync(admin, "agent@shop.test");
        var sales = await admin.CreateTeamAsync("Ventas");
        await admin.CreateTeamAsync("Soporte");

        await (await admin.PutAsJsonAsync(Routes.Team(sales.Id), new UpdateTeamRequest("Soporte", null))).AssertStatusAsync(HttpStatusCode.Conflict);
        await (await admin.PutAsJsonAsync(Routes.Team(sales.Id), new UpdateTeamRequest(null, [999]))).AssertStatusAsync(HttpStatusCode.BadRequest);
        await (await admin.PutAsJsonAsync(Routes.Team(9999), new UpdateTeamRequest("X", null))).AssertStatusAsync(HttpStatusCode.NotFound);
        await (await agent.Client.PutAsJsonAsync(Routes.Team(sales.Id), new UpdateTeamRequest(null, [agent.Id]))).AssertStatusAsync(HttpStatusCode.Forbidden);
        var teams = await admin.GetJsonAsync<IReadOnlyList<TeamDto>>(Routes.Teams);
        Assert.Equal("Ventas", teams.Single(t => t.Id == sales.Id).Name);
        Assert.Empty(teams.Single(t => t.Id == sales.Id).MemberIds);
    }
}
