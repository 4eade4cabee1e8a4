using Dapper;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.AgentTools;

/// <summary>Someone else assigning an agent a conversation puts it in that agent's bell, live and listed; assigning
/// yourself, unassigning or assigning someone who cannot see the thread notifies nobody.</summary>
public sealed class AssignmentNotificationTests(SharedInbox shared) : AgentToolsTestBase(shared)
{
    private static Task<List<NotificationDto>> BellAsync(Agent agent) => agent.Client.GetJsonAsync<List<NotificationDto>>(Routes.Notifications);

    [Fact]
    public async Task An_agent_assigned_by_someone_else_is_notified_live_and_finds_it_in_their_bell()
    {
        var ana = await NewAgentAsync();
        var bruno = await NewAgentAsync();
        var conversation = await NewConversationAsync("¿Dónde está mi pedido?");
        await using var brunoLive = await App.ConnectAgentAsync(bruno.Token);
        await using var anaLive = await App.ConnectAgentAsync(ana.Token);

        await ana.Client.AssignAsync(conversation, bruno.Id, null);

        var pushed = await brunoLive.WaitForAsync<NotificationDto>(nameof(IAgentClient.Notified), n => n.ConversationId == conversation);
        Assert.Equal((NotificationKinds.Assigned, ana.Id, ana.User.DisplayName, (string?)null), (pushed.Kind, pushed.ActorId, pushed.ActorName, pushed.Text));
        var listed = Assert.Single(await BellAsync(bruno));
        Assert.Equal(pushed, listed);
        // The assigner is told nothing (their update is the conversation's).
        await anaLive.WaitForAsync<ConversationDto>(nameof(IAgentClient.ConversationUpdated), c => c.Id == conversation && c.AssigneeId == bruno.Id);
        Assert.DoesNotContain(anaLive.Received, r => r.Method == nameof(IAgentClient.Notified));
        Assert.Empty(await BellAsync(ana));

        // Reassigned to Ana by Bruno: Ana's bell, not Bruno's second entry.
        await bruno.Client.AssignAsync(conversation, ana.Id, null);
        Assert.Equal(NotificationKinds.Assigned, Assert.Single(await BellAsync(ana)).Kind);
        Assert.Single(await BellAsync(bruno));
    }

    [Fact]
    public async Task Assigning_yourself_or_nobody_notifies_nobody()
    {
        var ana = await NewAgentAsync();
        var conversation = await NewConversationAsync();
        await using var anaLive = await App.ConnectAgentAsync(ana.Token);

        await ana.Client.AssignAsync(conversation, ana.Id, null);
        await ana.Client.AssignAsync(conversation, null, null);
        await Admin.AssignAsync(conversation, null, null); // no change: nothing happens

        await anaLive.WaitForAsync<ConversationDto>(nameof(IAgentClient.ConversationUpdated), c => c.Id == conversation && c.AssigneeId is null);
        Assert.DoesNotContain(anaLive.Received, r => r.Method == nameof(IAgentClient.Notified));
        Assert.Empty(await BellAsync(ana));
        await using var db = App.OpenDatabase();
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notifications WHERE conversation_id = @Id", new { Id = conversation }));
    }

    [Fact]
    public async Task Only_an_agent_who_can_see_the_thread_is_notified_and_a_thread_moved_out_of_sight_leaves_the_bell()
    {
        var member = await NewAgentAsync();
        var outsider = await NewAgentAsync();
        var team = await NewTeamAsync(member.Id);
        var teamThread = await NewConversationAsync();
        await Admin.AssignAsync(teamThread, null, team.Id);
        await using var outsiderLive = await App.ConnectAgentAsync(outsider.Token);

        // The admin gives the team's thread to someone outside the team: they could not open it, so no notification.
        await Admin.AssignAsync(teamThread, outsider.Id, team.Id);
        Assert.Empty(await BellAsync(outsider));

        // A thread everyone sees, assigned to the member, then moved to a team they are not in: gone from their bell.
        var open = await NewConversationAsync();
        await Admin.AssignAsync(open, member.Id, null);
        Assert.Single(await BellAsync(member));
        var other = await NewTeamAsync();
        await Admin.AssignAsync(open, member.Id, other.Id);
        Assert.Empty(await BellAsync(member));
        Assert.DoesNotContain(outsiderLive.Received, r => r.Method == nameof(IAgentClient.Notified));
    }
}
