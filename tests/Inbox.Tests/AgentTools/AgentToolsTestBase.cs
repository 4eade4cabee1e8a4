using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.AgentTools;

/// <summary>Scenarios of the agent's working tools on a shared server: each test makes its own agents, team, labels and
/// senders (unique names), and lists only its own channel.</summary>
public abstract class AgentToolsTestBase(SharedInbox shared) : SharedInboxTest(shared)
{
    private static int _sender = Random.Shared.Next(1_000_000);

    protected async Task<long> NewConversationAsync(string text = "Hola")
    {
        var sender = $"+3469{Interlocked.Increment(ref _sender):D7}";
        return (await App.PushAcceptedAsync(Channel, Guid.NewGuid().ToString("N"), sender, text)).ConversationId;
    }

    protected Task<Agent> NewAgentAsync(string role = Roles.Agent) => App.CreateAgentAsync(Admin, $"agent-{Guid.NewGuid():N}@shop.test", role);

    protected Task<TeamDto> NewTeamAsync(params long[] members) => Admin.CreateTeamAsync($"Team {Guid.NewGuid():N}", members);

    protected Task<LabelDto> NewLabelAsync(string name = "VIP", string colour = "#e53935") =>
        Admin.PostJsonAsync<LabelDto>(Routes.Labels, new SaveLabelRequest($"{name} {Guid.NewGuid():N}"[..30], colour));

    /// <summary>The ids this test's channel lists with the extra query (e.g. "labelId=3").</summary>
    protected async Task<IReadOnlyList<long>> ListIdsAsync(HttpClient client, string query) =>
        (await client.GetJsonAsync<ConversationPage>($"{Routes.Conversations}?channelId={Channel.Id}&{query}")).Items.Select(c => c.Id).ToList();
}
