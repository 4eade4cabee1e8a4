using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.AgentTools;

/// <summary>Priority: set, filtered, sorted (with paging); a team inbox lists its team's threads to its members only.</summary>
public sealed class PriorityAndTeamTests(SharedInbox shared) : AgentToolsTestBase(shared)
{
    [Fact]
    public async Task The_list_sorts_most_urgent_first_and_pages_in_that_order()
    {
        var low = await NewConversationAsync();
        var urgent = await NewConversationAsync();
        var none = await NewConversationAsync();
        var high = await NewConversationAsync();
        await Admin.PostJsonAsync<ConversationDto>(Routes.ConversationPriority(low), new SetPriorityRequest(ConversationPriority.Low));
        await Admin.PostJsonAsync<ConversationDto>(Routes.ConversationPriority(urgent), new SetPriorityRequest(ConversationPriority.Urgent));
        await Admin.PostJsonAsync<ConversationDto>(Routes.ConversationPriority(high), new SetPriorityRequest(ConversationPriority.High));

        Assert.Equal([urgent, high, low, none], await ListIdsAsync(Admin, "sort=priority"));
        Assert.Equal([urgent], await ListIdsAsync(Admin, "priority=urgent"));
        var first = await Admin.GetJsonAsync<ConversationPage>($"{Routes.Conversations}?channelId={Channel.Id}&sort=priority&limit=3");
        var second = await Admin.GetJsonAsync<ConversationPage>($"{Routes.Conversations}?channelId={Channel.Id}&sort=priority&limit=3&cursor={first.NextCursor}");
        Assert.Equal([urgent, high, low], first.Items.Select(c => c.Id));
        Assert.Equal([none], second.Items.Select(c => c.Id));
        Assert.Null(second.NextCursor);
    }

    [Fact]
    public async Task Sorted_by_priority_a_page_runs_on_from_the_urgent_threads_into_those_without_priority()
    {
        var olderNone = await NewConversationAsync();
        var low = await NewConversationAsync();
        var urgent = await NewConversationAsync();
        var newerNone = await NewConversationAsync();
        await Admin.PostJsonAsync<ConversationDto>(Routes.ConversationPriority(low), new SetPriorityRequest(ConversationPriority.Low));
        await Admin.PostJsonAsync<ConversationDto>(Routes.ConversationPriority(urgent), new SetPriorityRequest(ConversationPriority.Urgent));

        var list = $"{Routes.Conversations}?channelId={Channel.Id}&sort=priority";
        var first = await Admin.GetJsonAsync<ConversationPage>($"{list}&limit=3");
        var second = await Admin.GetJsonAsync<ConversationPage>($"{list}&limit=3&cursor={first.NextCursor}");
        Assert.Equal([urgent, low, newerNone], first.Items.Select(c => c.Id));
        Assert.Equal([olderNone], second.Items.Select(c => c.Id));
        Assert.Null(second.NextCursor);
        Assert.Equal([newerNone, olderNone], await ListIdsAsync(Admin, "sort=priority&priority=none"));
        Assert.Equal([urgent], await ListIdsAsync(Admin, "sort=priority&priority=urgent"));
    }

    [Fact]
    public async Task A_bad_priority_sort_or_cursor_is_a_clear_400()
    {
        var conversation = await NewConversationAsync();
        await NewConversationAsync();

        Assert.Contains("priority", await (await Admin.GetAsync($"{Routes.Conversations}?priority=extreme")).AssertStatusAsync(HttpStatusCode.BadRequest));
        Assert.Contains("sort", await (await Admin.GetAsync($"{Routes.Conversations}?sort=name")).AssertStatusAsync(HttpStatusCode.BadRequest));
        var activityCursor = (await Admin.GetJsonAsync<ConversationPage>($"{Routes.Conversations}?channelId={Channel.Id}&limit=1")).NextCursor;
        Assert.NotNull(activityCursor);
        await (await Admin.GetAsync($"{Routes.Conversations}?sort=priority&cursor={activityCursor}")).AssertStatusAsync(HttpStatusCode.BadRequest);
        var body = await (await Admin.PostAsync(Routes.ConversationPriority(conversation),
            new StringContent("""{"priority":"extreme"}""", System.Text.Encoding.UTF8, "application/json"))).AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Contains("priority", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_team_inbox_lists_the_team_threads_to_its_members_and_not_to_others()
    {
        var member = await NewAgentAsync();
        var outsider = await NewAgentAsync();
        var team = await NewTeamAsync(member.Id);
        var teamThread = await NewConversationAsync();
        var other = await NewConversationAsync();

        var moved = await member.Client.AssignAsync(teamThread, null, team.Id);

        Assert.Equal(team.Id, moved.TeamId);
        Assert.Equal([teamThread], await ListIdsAsync(member.Client, $"teamId={team.Id}"));
        Assert.Empty(await ListIdsAsync(outsider.Client, $"teamId={team.Id}"));
        Assert.Equal([other], await ListIdsAsync(outsider.Client, ""));
        await (await outsider.Client.PostAsJsonAsync(Routes.ConversationPriority(teamThread), new SetPriorityRequest(ConversationPriority.Urgent)))
            .AssertStatusAsync(HttpStatusCode.NotFound);
    }
}
