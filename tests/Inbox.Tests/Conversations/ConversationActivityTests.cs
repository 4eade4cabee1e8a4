using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Conversations;

/// <summary>The thread's activity lines: who assigned, changed the priority, labelled, resolved, and the customer's
/// message that reopened it, in order, with the actor's name; only for those who may see the thread.</summary>
public sealed class ConversationActivityTests(SharedInbox shared) : SharedInboxTest(shared)
{
    [Fact]
    public async Task The_activity_tells_who_did_what_in_order_and_leaves_out_messages_and_reads()
    {
        var phone = $"+346{Random.Shared.Next(10_000_000, 99_999_999)}";
        var customer = await App.PushAcceptedAsync(Channel, $"a-{Guid.NewGuid():N}", phone, "Hola");
        var admin = await Admin.GetJsonAsync<UserDto>("/api/auth/me");
        var ana = await App.CreateAgentAsync(Admin, $"ana-{Guid.NewGuid():N}@shop.test");
        var label = await Admin.PostJsonAsync<LabelDto>(Routes.Labels, new SaveLabelRequest($"devolución-{Guid.NewGuid():N}"[..16], "#2e7d32"));

        await Admin.AssignAsync(customer.ConversationId, ana.User.Id, null);
        await Admin.PostJsonAsync<ConversationDto>(Routes.ConversationPriority(customer.ConversationId), new SetPriorityRequest(ConversationPriority.High));
        (await Admin.PostAsJsonAsync(Routes.ConversationLabels(customer.ConversationId), new ApplyLabelRequest(label.Id))).EnsureSuccessOrDump();
        await ana.Client.ChangeStatusAsync(customer.ConversationId, ConversationStatus.Resolved);
        await App.PushAcceptedAsync(Channel, $"a-{Guid.NewGuid():N}", phone, "Una cosa más");

        var lines = await Admin.GetJsonAsync<List<ActivityDto>>(Routes.ConversationActivity(customer.ConversationId));

        Assert.Equal(
            [EventTypes.ConversationAssigned, EventTypes.ConversationPriorityChanged, EventTypes.ConversationLabelAdded,
             EventTypes.ConversationStatusChanged, EventTypes.ConversationStatusChanged],
            lines.Select(l => l.Type));
        Assert.Equal((ana.User.Id, admin.Id, admin.DisplayName), (lines[0].AgentId, lines[0].ActorId, lines[0].ActorName));
        Assert.Equal(("none", "high"), (lines[1].From, lines[1].To));
        Assert.Equal(label.Id, lines[2].LabelId);
        Assert.Equal((ana.User.Id, ana.User.DisplayName, "resolved"), (lines[3].ActorId, lines[3].ActorName, lines[3].To));
        Assert.Equal((null, "open", "customer replied"), (lines[4].ActorId, lines[4].To, lines[4].Reason));
        Assert.True(lines.Zip(lines.Skip(1)).All(p => p.First.EventId < p.Second.EventId));
    }

    [Fact]
    public async Task An_agent_who_cannot_see_the_thread_gets_a_404()
    {
        var customer = await App.PushAcceptedAsync(Channel, $"a-{Guid.NewGuid():N}", $"+346{Random.Shared.Next(10_000_000, 99_999_999)}", "Hola");
        var insider = await App.CreateAgentAsync(Admin, $"in-{Guid.NewGuid():N}@shop.test");
        var outsider = await App.CreateAgentAsync(Admin, $"out-{Guid.NewGuid():N}@shop.test");
        var team = await Admin.CreateTeamAsync($"Tienda {Guid.NewGuid():N}", insider.User.Id);
        await Admin.CreateTeamAsync($"Otra {Guid.NewGuid():N}", outsider.User.Id);
        await Admin.AssignAsync(customer.ConversationId, null, team.Id);

        await (await outsider.Client.GetAsync(Routes.ConversationActivity(customer.ConversationId))).AssertStatusAsync(HttpStatusCode.NotFound);
        var seen = await insider.Client.GetJsonAsync<List<ActivityDto>>(Routes.ConversationActivity(customer.ConversationId));
        Assert.Equal(team.Id, Assert.Single(seen).TeamId);
    }
}
