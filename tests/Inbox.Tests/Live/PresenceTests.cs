using Inbox.Contracts;
using Inbox.Server.Hubs;
using Inbox.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Live;

/// <summary>Collision detection: agents with a thread open see each other viewing or replying, live, and only agents who
/// may see the thread are told.</summary>
public sealed class PresenceTests : IAsyncLifetime
{
    private const string ViewersChanged = nameof(IAgentClient.ViewersChanged);
    private readonly InboxAppFactory _app = new();
    private HttpClient _admin = null!;
    private ApiChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _admin = await _app.AdminClientAsync();
        _channel = await _app.CreateApiChannelAsync(_admin);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static Func<ConversationViewersDto, bool> Exactly(long conversation, params (long UserId, bool Replying)[] viewers) =>
        v => v.ConversationId == conversation && v.Viewers.Select(x => (x.UserId, x.Replying)).SequenceEqual(viewers);

    [Fact]
    public async Task Two_agents_in_one_thread_see_each_other_and_who_is_replying()
    {
        var conversation = (await _app.PushAcceptedAsync(_channel, "p-1", "+34600700001", "Hola")).ConversationId;
        var alba = await _app.CreateAgentAsync(_admin, "alba@shop.test");
        var bruno = await _app.CreateAgentAsync(_admin, "bruno@shop.test");
        await using var a = await _app.ConnectAgentAsync(alba.Token);
        await using var b = await _app.ConnectAgentAsync(bruno.Token);

        await a.Connection.InvokeAsync(nameof(IAgentHub.JoinConversation), conversation);
        // Bruno has not opened it yet, but he may see it: he is told too.
        await b.WaitForAsync(ViewersChanged, Exactly(conversation, (alba.Id, false)));
        await b.Connection.InvokeAsync(nameof(IAgentHub.JoinConversation), conversation);

        // Opening it, Bruno gets who is there at once, himself included, first to open first.
        var both = await b.WaitForAsync(ViewersChanged, Exactly(conversation, (alba.Id, false), (bruno.Id, false)));
        Assert.Equal(["alba", "bruno"], both.Viewers.Select(v => v.Name));
        await a.WaitForAsync(ViewersChanged, Exactly(conversation, (alba.Id, false), (bruno.Id, false)));

        await a.Connection.InvokeAsync(nameof(IAgentHub.Replying), conversation, true);
        await b.WaitForAsync(ViewersChanged, Exactly(conversation, (alba.Id, true), (bruno.Id, false)));

        var before = b.Received.Count;
        await a.Connection.InvokeAsync(nameof(IAgentHub.Replying), conversation, false);
        await b.WaitForAsync(ViewersChanged, Exactly(conversation, (alba.Id, false), (bruno.Id, false)), after: before);
    }

    [Fact]
    public async Task An_agent_who_cannot_see_the_thread_is_never_told_who_views_it()
    {
        var alba = await _app.CreateAgentAsync(_admin, "alba@shop.test");
        var bruno = await _app.CreateAgentAsync(_admin, "bruno@shop.test");
        var carla = await _app.CreateAgentAsync(_admin, "carla@shop.test");
        var team = await _admin.CreateTeamAsync("Mayoristas", alba.Id, bruno.Id);
        var conversation = (await _app.PushAcceptedAsync(_channel, "p-1", "+34600700002", "Pedido grande")).ConversationId;
        await _admin.AssignAsync(conversation, null, team.Id);
        await using var a = await _app.ConnectAgentAsync(alba.Token);
        await using var b = await _app.ConnectAgentAsync(bruno.Token);
        await using var c = await _app.ConnectAgentAsync(carla.Token);

        await a.Connection.InvokeAsync(nameof(IAgentHub.JoinConversation), conversation);
        await a.Connection.InvokeAsync(nameof(IAgentHub.Replying), conversation, true);
        await b.WaitForAsync(ViewersChanged, Exactly(conversation, (alba.Id, true)));

        // Carla is connected to everything else: a customer message after the pushes reaches her, the pushes did not.
        var marker = await _app.PushAcceptedAsync(_channel, "p-2", "+34600700003", "Otra consulta");
        await c.WaitForAsync<MessageDto>(nameof(IAgentClient.MessageReceived), m => m.Id == marker.MessageId);
        Assert.DoesNotContain(c.Received, r => r.Method == ViewersChanged);
        await Assert.ThrowsAsync<HubException>(() => c.Connection.InvokeAsync(nameof(IAgentHub.JoinConversation), conversation));
        await Assert.ThrowsAsync<HubException>(() => c.Connection.InvokeAsync(nameof(IAgentHub.Replying), conversation, true));
        Assert.DoesNotContain(c.Received, r => r.Method == ViewersChanged);
    }

    [Fact]
    public async Task Leaving_or_disconnecting_takes_the_agent_off_the_list()
    {
        var conversation = (await _app.PushAcceptedAsync(_channel, "p-1", "+34600700004", "Hola")).ConversationId;
        var alba = await _app.CreateAgentAsync(_admin, "alba@shop.test");
        var bruno = await _app.CreateAgentAsync(_admin, "bruno@shop.test");
        var carla = await _app.CreateAgentAsync(_admin, "carla@shop.test");
        await using var a = await _app.ConnectAgentAsync(alba.Token);
        var b = await _app.ConnectAgentAsync(bruno.Token);
        await using var c = await _app.ConnectAgentAsync(carla.Token);
        await a.Connection.InvokeAsync(nameof(IAgentHub.JoinConversation), conversation);
        await b.Connection.InvokeAsync(nameof(IAgentHub.JoinConversation), conversation);
        await c.Connection.InvokeAsync(nameof(IAgentHub.JoinConversation), conversation);
        await a.WaitForAsync(ViewersChanged, Exactly(conversation, (alba.Id, false), (bruno.Id, false), (carla.Id, false)));

        await c.Connection.InvokeAsync(nameof(IAgentHub.LeaveConversation), conversation);
        await a.WaitForAsync(ViewersChanged, Exactly(conversation, (alba.Id, false), (bruno.Id, false)));
        await Assert.ThrowsAsync<HubException>(() => c.Connection.InvokeAsync(nameof(IAgentHub.Replying), conversation, true));

        await b.Connection.InvokeAsync(nameof(IAgentHub.Replying), conversation, true);
        await a.WaitForAsync(ViewersChanged, Exactly(conversation, (alba.Id, false), (bruno.Id, true)));
        // Bruno closes the tab while replying: the server notices the connection went and drops him.
        await b.DisposeAsync();
        await a.WaitForAsync(ViewersChanged, Exactly(conversation, (alba.Id, false)));
    }

    [Fact]
    public async Task Two_tabs_of_one_agent_are_one_viewer_who_replies_in_either()
    {
        var conversation = (await _app.PushAcceptedAsync(_channel, "p-1", "+34600700005", "Hola")).ConversationId;
        var alba = await _app.CreateAgentAsync(_admin, "alba@shop.test");
        var bruno = await _app.CreateAgentAsync(_admin, "bruno@shop.test");
        await using var b = await _app.ConnectAgentAsync(bruno.Token);
        await using var tab1 = await _app.ConnectAgentAsync(alba.Token);
        var tab2 = await _app.ConnectAgentAsync(alba.Token);
        await tab1.Connection.InvokeAsync(nameof(IAgentHub.JoinConversation), conversation);
        await tab2.Connection.InvokeAsync(nameof(IAgentHub.JoinConversation), conversation);
        await tab2.Connection.InvokeAsync(nameof(IAgentHub.Replying), conversation, true);

        await b.WaitForAsync(ViewersChanged, Exactly(conversation, (alba.Id, true)));
        await tab2.DisposeAsync();
        var before = b.Received.Count;
        await b.Connection.InvokeAsync(nameof(IAgentHub.JoinConversation), conversation);
        await b.WaitForAsync(ViewersChanged, Exactly(conversation, (alba.Id, false), (bruno.Id, false)), after: before);
    }

    [Fact]
    public async Task A_viewer_who_loses_sight_of_the_thread_leaves_its_list()
    {
        var alba = await _app.CreateAgentAsync(_admin, "alba@shop.test");
        var bruno = await _app.CreateAgentAsync(_admin, "bruno@shop.test");
        var team = await _admin.CreateTeamAsync("Solo Alba", alba.Id);
        var conversation = (await _app.PushAcceptedAsync(_channel, "p-1", "+34600700006", "Hola")).ConversationId;
        await using var a = await _app.ConnectAgentAsync(alba.Token);
        await using var b = await _app.ConnectAgentAsync(bruno.Token);
        await a.Connection.InvokeAsync(nameof(IAgentHub.JoinConversation), conversation);
        await b.Connection.InvokeAsync(nameof(IAgentHub.JoinConversation), conversation);
        await a.WaitForAsync(ViewersChanged, Exactly(conversation, (alba.Id, false), (bruno.Id, false)));

        await _admin.AssignAsync(conversation, null, team.Id);

        await a.WaitForAsync(ViewersChanged, Exactly(conversation, (alba.Id, false)));
        await Assert.ThrowsAsync<HubException>(() => b.Connection.InvokeAsync(nameof(IAgentHub.Replying), conversation, true));
        var before = b.Received.Count;
        await a.Connection.InvokeAsync(nameof(IAgentHub.Replying), conversation, true);
        await a.WaitForAsync(ViewersChanged, Exactly(conversation, (alba.Id, true)));
        var marker = await _app.PushAcceptedAsync(_channel, "p-2", "+34600700007", "Otra consulta");
        await b.WaitForAsync<MessageDto>(nameof(IAgentClient.MessageReceived), m => m.Id == marker.MessageId);
        Assert.DoesNotContain(b.Received.Skip(before), r => r.Method == ViewersChanged);
    }

    [Fact]
    public async Task A_connection_views_a_few_threads_at_most_and_the_oldest_goes_first()
    {
        var alba = await _app.CreateAgentAsync(_admin, "alba@shop.test");
        await using var a = await _app.ConnectAgentAsync(alba.Token);
        var threads = new List<long>();
        for (var i = 0; i <= ConversationViewers.MaxPerConnection; i++)
        {
            var conversation = (await _app.PushAcceptedAsync(_channel, $"p-{i}", $"+3460070010{i}", "Hola")).ConversationId;
            threads.Add(conversation);
            await a.Connection.InvokeAsync(nameof(IAgentHub.JoinConversation), conversation);
        }

        await a.WaitForAsync(ViewersChanged, Exactly(threads[0]));
        await Assert.ThrowsAsync<HubException>(() => a.Connection.InvokeAsync(nameof(IAgentHub.Replying), threads[0], true));
        await a.Connection.InvokeAsync(nameof(IAgentHub.Replying), threads[^1], true);
        await a.WaitForAsync(ViewersChanged, Exactly(threads[^1], (alba.Id, true)));
    }

    [Fact]
    public async Task Another_nodes_viewers_are_merged_in_and_go_when_that_node_is_forgotten()
    {
        var conversation = (await _app.PushAcceptedAsync(_channel, "p-node", "+34600700091", "Hola")).ConversationId;
        var teamThread = (await _app.PushAcceptedAsync(_channel, "p-node-team", "+34600700092", "Hola")).ConversationId;
        var team = await _admin.CreateTeamAsync("Nodo", []);
        await _admin.AssignAsync(teamThread, null, team.Id);
        var alba = await _app.CreateAgentAsync(_admin, "alba-node@shop.test");
        await using var a = await _app.ConnectAgentAsync(alba.Token);
        await a.Connection.InvokeAsync(nameof(IAgentHub.JoinConversation), conversation);
        await a.WaitForAsync(ViewersChanged, Exactly(conversation, (alba.Id, false)));
        var viewers = _app.Services.GetRequiredService<ConversationViewers>();

        // What another node reports: someone who opened the thread before Alba (and is replying), and a team thread.
        viewers.ApplyRemote("node-x", [
            new NodeThread(conversation, null, [new NodeViewer(900, "Remota", true, 1)]),
            new NodeThread(teamThread, team.Id, [new NodeViewer(901, "Equipo", false, 1)]),
        ]);

        await a.WaitForAsync(ViewersChanged, Exactly(conversation, (900, true), (alba.Id, false)));
        var listed = await alba.Client.GetJsonAsync<List<ConversationViewersDto>>(Routes.ConversationViewers);
        Assert.Equal([conversation], listed.Select(v => v.ConversationId)); // the team thread is out of her sight
        Assert.Contains(await _admin.GetJsonAsync<List<ConversationViewersDto>>(Routes.ConversationViewers), v => v.ConversationId == teamThread);
        Assert.DoesNotContain(a.Received, r => r.Payload is ConversationViewersDto v && v.ConversationId == teamThread);

        var before = a.Received.Count;
        viewers.ForgetNode("node-x");

        await a.WaitForAsync(ViewersChanged, Exactly(conversation, (alba.Id, false)), after: before);
        Assert.DoesNotContain(await _admin.GetJsonAsync<List<ConversationViewersDto>>(Routes.ConversationViewers), v => v.ConversationId == teamThread);
    }
}
