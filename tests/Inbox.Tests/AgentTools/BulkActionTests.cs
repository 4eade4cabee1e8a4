using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.AgentTools;

/// <summary>One action on several threads: each is done or refused on its own, and the answer says which and why.</summary>
public sealed class BulkActionTests(SharedInbox shared) : AgentToolsTestBase(shared)
{
    [Fact]
    public async Task Bulk_labelling_does_the_visible_threads_and_reports_the_others_per_conversation()
    {
        var agent = await NewAgentAsync();
        var team = await NewTeamAsync();
        var a = await NewConversationAsync();
        var b = await NewConversationAsync();
        var hidden = await NewConversationAsync();
        await Admin.AssignAsync(hidden, null, team.Id);
        var label = await NewLabelAsync();

        var result = await agent.Client.PostJsonAsync<BulkResultDto>(Routes.ConversationsBulk,
            new BulkRequest([a, b, hidden, 987_654_321], BulkAction.AddLabel, LabelId: label.Id));

        Assert.Equal([(a, 200), (b, 200), (hidden, 404), (987_654_321L, 404)], result.Results.Select(r => (r.ConversationId, r.Status)));
        Assert.Equal(2, result.Succeeded);
        Assert.All(result.Results.Where(r => r.Status == 404), r => Assert.NotNull(r.Error));
        Assert.Equal([label.Id], result.Results[0].Conversation!.LabelIds);
        Assert.Equal([b, a], await ListIdsAsync(Admin, $"labelId={label.Id}"));
        Assert.Empty((await Admin.GetJsonAsync<ConversationDto>(Routes.Conversation(hidden))).LabelIds);
    }

    [Fact]
    public async Task Bulk_resolve_and_bulk_assign_go_through_the_same_rules_as_one_at_a_time()
    {
        var agent = await NewAgentAsync();
        var colleague = await NewAgentAsync();
        var foreignTeam = await NewTeamAsync(colleague.Id);
        var a = await NewConversationAsync();
        var b = await NewConversationAsync();

        var resolved = await agent.Client.PostJsonAsync<BulkResultDto>(Routes.ConversationsBulk, new BulkRequest([a, b], BulkAction.Resolve));
        Assert.All(resolved.Results, r => Assert.Equal(ConversationStatus.Resolved, r.Conversation?.Status));
        Assert.Empty(await ListIdsAsync(Admin, "status=open"));

        var assigned = await agent.Client.PostJsonAsync<BulkResultDto>(Routes.ConversationsBulk, new BulkRequest([a, b], BulkAction.Assign, AssigneeId: colleague.Id));
        Assert.All(assigned.Results, r => Assert.Equal(colleague.Id, r.Conversation?.AssigneeId));

        var intoForeignTeam = await agent.Client.PostJsonAsync<BulkResultDto>(Routes.ConversationsBulk, new BulkRequest([a], BulkAction.Assign, TeamId: foreignTeam.Id));
        Assert.Equal(403, Assert.Single(intoForeignTeam.Results).Status);
        Assert.Null((await Admin.GetJsonAsync<ConversationDto>(Routes.Conversation(a))).TeamId);
    }

    [Fact]
    public async Task A_bulk_request_without_what_it_needs_is_refused_whole()
    {
        var a = await NewConversationAsync();

        var noLabel = await (await Admin.PostAsJsonAsync(Routes.ConversationsBulk, new BulkRequest([a], BulkAction.AddLabel))).AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Contains("labelId", noLabel);
        await (await Admin.PostAsJsonAsync(Routes.ConversationsBulk, new BulkRequest([], BulkAction.Resolve))).AssertStatusAsync(HttpStatusCode.BadRequest);
        var tooMany = Enumerable.Range(1, 101).Select(i => (long)i).ToList();
        await (await Admin.PostAsJsonAsync(Routes.ConversationsBulk, new BulkRequest(tooMany, BulkAction.Resolve))).AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Equal(ConversationStatus.Open, (await Admin.GetJsonAsync<ConversationDto>(Routes.Conversation(a))).Status);
    }
}
