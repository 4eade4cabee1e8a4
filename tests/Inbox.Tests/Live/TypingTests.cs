using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Inbox.Tests.Live;

/// <summary>Agents with the same thread open see each other typing; nobody sees their own echo or a thread they may not see.</summary>
public sealed class TypingTests : IAsyncLifetime
{
    private readonly InboxAppFactory _app = new();
    private HttpClient _admin = null!;
    private ApiChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _admin = await _app.AdminClientAsync();
        _channel = await _app.CreateApiChannelAsync(_admin);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Alba and Bruno, both live with the thread open.</summary>
    private async Task<(Agent Alba, Agent Bruno, AgentLiveClient A, AgentLiveClient B)> TwoAgentsInThreadAsync(long conversation)
    {
        var alba = await _app.CreateAgentAsync(_admin, "alba@shop.test");
        var bruno = await _app.CreateAgentAsync(_admin, "bruno@shop.test");
        var a = await _app.ConnectAgentAsync(alba.Token);
        var b = await _app.ConnectAgentAsync(bruno.Token);
        await a.Connection.InvokeAsync(nameof(IAgentHub.JoinConversation), conversation);
        await b.Connection.InvokeAsync(nameof(IAgentHub.JoinConversation), conversation);
        return (alba, bruno, a, b);
    }

    [Fact]
    public async Task An_agent_typing_is_seen_by_the_other_agent_in_the_thread_but_not_echoed()
    {
        var conversation = (await _app.PushAcceptedAsync(_channel, "t-1", "+34600600001", "Hola")).ConversationId;
        var (alba, bruno, a, b) = await TwoAgentsInThreadAsync(conversation);
        await using var _ = a;
        await using var __ = b;

        await a.Connection.InvokeAsync(nameof(IAgentHub.Typing), conversation, true);

        var seen = await b.WaitForAsync<TypingDto>(nameof(IAgentClient.Typing), t => t.ConversationId == conversation);
        Assert.Equal((alba.Id, "alba", true), (seen.UserId, seen.Name, seen.IsTyping));
        // Bruno answers; once Alba sees him, her own earlier typing would already have reached her if it were echoed.
        await b.Connection.InvokeAsync(nameof(IAgentHub.Typing), conversation, true);
        await a.WaitForAsync<TypingDto>(nameof(IAgentClient.Typing), t => t.UserId == bruno.Id);
        Assert.DoesNotContain(a.Received, r => r.Payload is TypingDto t && t.UserId == alba.Id);
        Assert.DoesNotContain(b.Received, r => r.Payload is TypingDto t && t.UserId == bruno.Id);
    }

    [Fact]
    public async Task Only_agents_who_joined_the_thread_see_typing_and_leaving_stops_it()
    {
        var conversation = (await _app.PushAcceptedAsync(_channel, "t-1", "+34600600002", "Hola")).ConversationId;
        var (alba, bruno, a, b) = await TwoAgentsInThreadAsync(conversation);
        await using var _ = a;
        await using var __ = b;
        await b.Connection.InvokeAsync(nameof(IAgentHub.LeaveConversation), conversation);

        await a.Connection.InvokeAsync(nameof(IAgentHub.Typing), conversation, true);
        // Bruno stays connected to everything else: a customer message after the typing reaches him, the typing does not.
        var marker = await _app.PushAcceptedAsync(_channel, "t-2", "+34600600002", "¿Seguís ahí?");
        await b.WaitForAsync<MessageDto>(nameof(IAgentClient.MessageReceived), m => m.Id == marker.MessageId);

        Assert.DoesNotContain(b.Received, r => r.Method == nameof(IAgentClient.Typing));
    }

    [Fact]
    public async Task An_agent_stops_seeing_typing_once_the_thread_moves_to_a_team_they_are_not_in()
    {
        var conversation = (await _app.PushAcceptedAsync(_channel, "t-1", "+34600600005", "Hola")).ConversationId;
        var (alba, bruno, a, b) = await TwoAgentsInThreadAsync(conversation);
        await using var _ = a;
        await using var __ = b;
        var team = await _admin.CreateTeamAsync("Solo Alba", alba.Id);
        // Joining the team closed Alba's connection; she comes back and opens the thread again.
        await a.Closed.WaitAsync(TimeSpan.FromSeconds(15));
        await using var alba2 = await _app.ConnectAgentAsync(alba.Token);
        await alba2.Connection.InvokeAsync(nameof(IAgentHub.JoinConversation), conversation);
        await a.Connection.DisposeAsync();
        await b.Connection.InvokeAsync(nameof(IAgentHub.Typing), conversation, true);
        await alba2.WaitForAsync<TypingDto>(nameof(IAgentClient.Typing), t => t.UserId == bruno.Id);

        await _admin.AssignAsync(conversation, null, team.Id);

        await alba2.Connection.InvokeAsync(nameof(IAgentHub.Typing), conversation, true);
        // Bruno is still connected: a later message in a thread he sees reaches him, the typing before it does not.
        var marker = await _app.PushAcceptedAsync(_channel, "t-2", "+34600600006", "Otra consulta");
        await b.WaitForAsync<MessageDto>(nameof(IAgentClient.MessageReceived), m => m.Id == marker.MessageId);
        Assert.DoesNotContain(b.Received, r => r.Payload is TypingDto t && t.UserId == alba.Id);
        await Assert.ThrowsAsync<HubException>(() => b.Connection.InvokeAsync(nameof(IAgentHub.Typing), conversation, true));
    }

    [Fact]
    public async Task Joining_or_typing_in_a_thread_you_cannot_see_is_refused()
    {
        var outsider = await _app.CreateAgentAsync(_admin, "outsider@shop.test");
        var team = await _admin.CreateTeamAsync("Mayoristas");
        var conversation = (await _app.PushAcceptedAsync(_channel, "t-1", "+34600600003", "Pedido grande")).ConversationId;
        await _admin.AssignAsync(conversation, null, team.Id);
        await using var live = await _app.ConnectAgentAsync(outsider.Token);

        var join = await Assert.ThrowsAsync<HubException>(() => live.Connection.InvokeAsync(nameof(IAgentHub.JoinConversation), conversation));
        var typing = await Assert.ThrowsAsync<HubException>(() => live.Connection.InvokeAsync(nameof(IAgentHub.Typing), conversation, true));
        var unknown = await Assert.ThrowsAsync<HubException>(() => live.Connection.InvokeAsync(nameof(IAgentHub.JoinConversation), 999L));

        Assert.Contains("not found", join.Message);
        Assert.Contains("not found", typing.Message);
        Assert.Contains("not found", unknown.Message);
        await live.Connection.InvokeAsync(nameof(IAgentHub.JoinConversation),
            (await _app.PushAcceptedAsync(_channel, "t-2", "+34600600004", "Hola")).ConversationId);
    }
}
