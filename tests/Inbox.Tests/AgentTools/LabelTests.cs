using System.Net;
using System.Net.Http.Json;
using Dapper;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.AgentTools;

/// <summary>Admins define labels; agents apply and remove them on the threads they can see; the list filters by them.</summary>
public sealed class LabelTests(SharedInbox shared) : AgentToolsTestBase(shared)
{
    [Fact]
    public async Task Only_admins_define_labels_and_a_bad_colour_or_a_taken_name_is_refused()
    {
        var agent = await NewAgentAsync();
        var label = await NewLabelAsync(colour: "#1E88E5");

        Assert.Equal("#1e88e5", label.Colour);
        Assert.Contains(await agent.Client.GetJsonAsync<List<LabelDto>>(Routes.Labels), l => l.Id == label.Id);
        await (await agent.Client.PostAsJsonAsync(Routes.Labels, new SaveLabelRequest("Mine", "#000000"))).AssertStatusAsync(HttpStatusCode.Forbidden);
        var badColour = await (await Admin.PostAsJsonAsync(Routes.Labels, new SaveLabelRequest("Red", "red"))).AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Contains("colour", badColour);
        await (await Admin.PostAsJsonAsync(Routes.Labels, new SaveLabelRequest(label.Name.ToUpperInvariant(), "#000000"))).AssertStatusAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_label_applied_is_shown_recorded_pushed_and_filters_the_list()
    {
        var agent = await NewAgentAsync();
        var vip = await NewLabelAsync("VIP");
        var refund = await NewLabelAsync("Refund");
        var labelled = await NewConversationAsync();
        var other = await NewConversationAsync();
        await using var live = await App.ConnectAgentAsync(AdminToken);

        var applied = await agent.Client.PostJsonAsync<ConversationDto>(Routes.ConversationLabels(labelled), new ApplyLabelRequest(vip.Id));
        await agent.Client.PostJsonAsync<ConversationDto>(Routes.ConversationLabels(labelled), new ApplyLabelRequest(refund.Id));
        await agent.Client.PostJsonAsync<ConversationDto>(Routes.ConversationLabels(other), new ApplyLabelRequest(refund.Id));

        Assert.Equal([vip.Id], applied.LabelIds);
        await live.WaitForAsync<ConversationDto>(nameof(IAgentClient.ConversationUpdated), c => c.Id == labelled && c.LabelIds.Count == 2);
        Assert.Equal([labelled], await ListIdsAsync(agent.Client, $"labelId={vip.Id}"));
        Assert.Equal([other, labelled], await ListIdsAsync(agent.Client, $"labelId={refund.Id}"));
        var listed = (await agent.Client.GetJsonAsync<ConversationPage>($"{Routes.Conversations}?channelId={Channel.Id}")).Items.Single(c => c.Id == labelled);
        Assert.Equal(new[] { vip.Id, refund.Id }.Order(), listed.LabelIds);

        var removed = await agent.Client.DeleteAsync(Routes.ConversationLabel(labelled, vip.Id));
        Assert.Equal([refund.Id], (await removed.ReadJsonOrDumpAsync<ConversationDto>()).LabelIds);
        Assert.Empty(await ListIdsAsync(agent.Client, $"labelId={vip.Id}"));
        await using var db = App.OpenDatabase();
        var types = await db.QueryAsync<string>("SELECT type FROM conversation_events WHERE conversation_id = @Id AND type LIKE 'conversation.label%' ORDER BY id", new { Id = labelled });
        Assert.Equal([EventTypes.ConversationLabelAdded, EventTypes.ConversationLabelAdded, EventTypes.ConversationLabelRemoved], types);
    }

    [Fact]
    public async Task A_new_message_keeps_the_labels_in_the_pushed_thread()
    {
        var label = await NewLabelAsync();
        var sender = $"+3469{Random.Shared.Next(10_000_000):D7}";
        var conversation = (await App.PushAcceptedAsync(Channel, Guid.NewGuid().ToString("N"), sender, "Hola")).ConversationId;
        await Admin.PostJsonAsync<ConversationDto>(Routes.ConversationLabels(conversation), new ApplyLabelRequest(label.Id));
        await Admin.PostJsonAsync<ConversationDto>(Routes.ConversationPriority(conversation), new SetPriorityRequest(ConversationPriority.High));
        await using var live = await App.ConnectAgentAsync(AdminToken);

        var next = await App.PushAcceptedAsync(Channel, Guid.NewGuid().ToString("N"), sender, "¿Sigue ahí?");

        var pushed = await live.WaitForAsync<ConversationDto>(nameof(IAgentClient.ConversationUpdated), c => c.Id == conversation && c.LastMessagePreview == "¿Sigue ahí?");
        Assert.Equal([label.Id], pushed.LabelIds);
        Assert.Equal(ConversationPriority.High, pushed.Priority);
        Assert.Equal(conversation, next.ConversationId);
    }

    [Fact]
    public async Task An_agent_cannot_label_a_thread_out_of_sight_nor_apply_an_unknown_label()
    {
        var agent = await NewAgentAsync();
        var team = await NewTeamAsync();
        var hidden = await NewConversationAsync();
        await Admin.AssignAsync(hidden, null, team.Id);
        var label = await NewLabelAsync();

        await (await agent.Client.PostAsJsonAsync(Routes.ConversationLabels(hidden), new ApplyLabelRequest(label.Id))).AssertStatusAsync(HttpStatusCode.NotFound);
        var visible = await NewConversationAsync();
        var unknown = await (await agent.Client.PostAsJsonAsync(Routes.ConversationLabels(visible), new ApplyLabelRequest(999_999))).AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Contains("labelId", unknown);
        Assert.Empty((await Admin.GetJsonAsync<ConversationDto>(Routes.Conversation(hidden))).LabelIds);
    }

    [Fact]
    public async Task Deleting_a_label_takes_it_off_every_thread()
    {
        var label = await NewLabelAsync();
        var conversation = await NewConversationAsync();
        await Admin.PostJsonAsync<ConversationDto>(Routes.ConversationLabels(conversation), new ApplyLabelRequest(label.Id));

        await (await Admin.DeleteAsync(Routes.Label(label.Id))).AssertStatusAsync(HttpStatusCode.NoContent);

        Assert.Empty((await Admin.GetJsonAsync<ConversationDto>(Routes.Conversation(conversation))).LabelIds);
        Assert.DoesNotContain(await Admin.GetJsonAsync<List<LabelDto>>(Routes.Labels), l => l.Id == label.Id);
    }
}
