using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.AgentTools;

/// <summary>Shared canned responses are the admins'; personal ones their owner's alone.</summary>
public sealed class CannedResponseTests(SharedInbox shared) : AgentToolsTestBase(shared)
{
    [Fact]
    public async Task An_agent_keeps_personal_responses_others_never_see_and_everyone_sees_the_shared_ones()
    {
        var agent = await NewAgentAsync();
        var other = await NewAgentAsync();
        var shortcut = $"s{Guid.NewGuid():N}"[..20];
        var shared = await Admin.PostJsonAsync<CannedResponseDto>(Routes.CannedResponses,
            new SaveCannedResponseRequest($"/{shortcut.ToUpperInvariant()}", "Saludo", "Hello {{contact.name}}", "Hola {{contact.name}}", Shared: true));
        var mine = await agent.Client.PostJsonAsync<CannedResponseDto>(Routes.CannedResponses,
            new SaveCannedResponseRequest("thanks", "Thanks", "Thank you, {{contact.name}}!", null));

        Assert.Null(shared.OwnerId);
        Assert.Equal(shortcut, shared.Shortcut);
        Assert.Equal(agent.Id, mine.OwnerId);
        var agentSees = await agent.Client.GetJsonAsync<List<CannedResponseDto>>(Routes.CannedResponses);
        var otherSees = await other.Client.GetJsonAsync<List<CannedResponseDto>>(Routes.CannedResponses);
        Assert.Contains(agentSees, c => c.Id == shared.Id);
        Assert.Contains(agentSees, c => c.Id == mine.Id);
        Assert.Contains(otherSees, c => c.Id == shared.Id);
        Assert.DoesNotContain(otherSees, c => c.Id == mine.Id);

        await (await other.Client.PutAsJsonAsync(Routes.CannedResponse(mine.Id), new SaveCannedResponseRequest("thanks", "Mine now", "x", null)))
            .AssertStatusAsync(HttpStatusCode.NotFound);
        await (await other.Client.DeleteAsync(Routes.CannedResponse(mine.Id))).AssertStatusAsync(HttpStatusCode.NotFound);
        await (await agent.Client.PutAsJsonAsync(Routes.CannedResponse(shared.Id), new SaveCannedResponseRequest(shortcut, "Changed", "x", null)))
            .AssertStatusAsync(HttpStatusCode.Forbidden);
        var edited = await (await agent.Client.PutAsJsonAsync(Routes.CannedResponse(mine.Id), new SaveCannedResponseRequest("thanks", "Thanks", "Thanks!", "¡Gracias!")))
            .ReadJsonOrDumpAsync<CannedResponseDto>();
        Assert.Equal("¡Gracias!", edited.TextEs);
    }

    [Fact]
    public async Task Agents_cannot_make_shared_ones_and_bad_or_duplicate_shortcuts_are_refused()
    {
        var agent = await NewAgentAsync();

        await (await agent.Client.PostAsJsonAsync(Routes.CannedResponses, new SaveCannedResponseRequest("x", "X", "x", null, Shared: true)))
            .AssertStatusAsync(HttpStatusCode.Forbidden);
        var bad = await (await agent.Client.PostAsJsonAsync(Routes.CannedResponses, new SaveCannedResponseRequest("with space", "", null, " ")))
            .AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Contains("shortcut", bad);
        Assert.Contains("title", bad);
        Assert.Contains("textEn", bad);
        await agent.Client.PostJsonAsync<CannedResponseDto>(Routes.CannedResponses, new SaveCannedResponseRequest("bye", "Bye", "Bye", null));
        await (await agent.Client.PostAsJsonAsync(Routes.CannedResponses, new SaveCannedResponseRequest("BYE", "Bye again", "Bye", null)))
            .AssertStatusAsync(HttpStatusCode.Conflict);
        // Another agent's "bye" is theirs: no clash.
        var other = await NewAgentAsync();
        await other.Client.PostJsonAsync<CannedResponseDto>(Routes.CannedResponses, new SaveCannedResponseRequest("bye", "Bye", "Bye", null));
    }
}
