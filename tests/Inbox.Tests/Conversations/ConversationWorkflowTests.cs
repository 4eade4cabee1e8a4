using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Tests.Conversations;

/// <summary>
/// Agents work a thread: resolve, reopen, snooze, assign, read, reply; every change is recorded and pushed live.
/// The server is shared: each test writes in from its own sender and looks only at that sender's thread.
/// </summary>
public sealed class ConversationWorkflowTests(SharedInbox shared) : SharedInboxTest(shared)
{
    [Fact]
    public async Task Resolving_and_reopening_is_recorded_with_from_to_and_who_did_it()
    {
        var inbound = await App.PushAcceptedAsync(Channel, "w-1", "+34600100100", "¿Dónde está mi pedido?");
        var me = await Admin.GetJsonAsync<UserDto>(Routes.Me);

        var resolved = await Admin.ChangeStatusAsync(inbound.ConversationId, ConversationStatus.Resolved);
        var reopened = await Admin.ChangeStatusAsync(inbound.ConversationId, ConversationStatus.Open);

        Assert.Equal(ConversationStatus.Resolved, resolved.Status);
        Assert.Equal(ConversationStatus.Open, reopened.Status);
        await using var db = App.OpenDatabase();
        var changes = (await db.QueryAsync<(string Data, long? ActorId)>(
            "SELECT data, actor_id FROM conversation_events WHERE conversation_id = @Id AND type = 'conversation.status_changed' ORDER BY id",
            new { Id = inbound.ConversationId })).ToList();
        Assert.Equal(2, changes.Count);
        Assert.Equal(("open", "resolved"), FromTo(changes[0].Data));
        Assert.Equal(("resolved", "open"), FromTo(changes[1].Data));
        Assert.All(changes, c => Assert.Equal(me.Id, c.ActorId));
    }

    [Fact]
    public async Task Setting_the_status_it_already_has_records_nothing()
    {
        var inbound = await App.PushAcceptedAsync(Channel, "w-1", "+34600100101", "Hola");

        var same = await Admin.ChangeStatusAsync(inbound.ConversationId, ConversationStatus.Open);

        Assert.Equal(ConversationStatus.Open, same.Status);
        await using var db = App.OpenDatabase();
        Assert.Equal(0, await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM conversation_events WHERE conversation_id = @Id AND type = 'conversation.status_changed'", new { Id = inbound.ConversationId }));
    }

    [Fact]
    public async Task Snoozing_into_the_past_is_a_400_and_changes_nothing()
    {
        var inbound = await App.PushAcceptedAsync(Channel, "s-1", "+34600100102", "Llamadme mañana");

        var response = await Admin.PostAsJsonAsync(Routes.ConversationSnooze(inbound.ConversationId), new SnoozeRequest(DateTimeOffset.UtcNow.AddMinutes(-5)));

        Assert.Contains("future", await response.AssertStatusAsync(HttpStatusCode.BadRequest));
        var conversation = await Admin.GetJsonAsync<ConversationDto>(Routes.Conversation(inbound.ConversationId));
        Assert.Equal(ConversationStatus.Open, conversation.Status);
        Assert.Null(conversation.SnoozedUntil);
    }

    [Fact]
    public async Task Snoozing_into_the_future_sets_status_and_time()
    {
        var inbound = await App.PushAcceptedAsync(Channel, "s-1", "+34600100103", "Llamadme mañana");
        var until = DateTimeOffset.UtcNow.AddDays(1);

        var snoozed = await Admin.PostJsonAsync<ConversationDto>(Routes.ConversationSnooze(inbound.ConversationId), new SnoozeRequest(until));

        Assert.Equal(ConversationStatus.Snoozed, snoozed.Status);
        Assert.Equal(until.AddTicks(-(until.Ticks % TimeSpan.TicksPerMillisecond)), snoozed.SnoozedUntil);
        var listed = await Admin.GetJsonAsync<ConversationPage>($"{Routes.Conversations}?status=snoozed&channelId={Channel.Id}");
        Assert.Equal(inbound.ConversationId, Assert.Single(listed.Items).Id);
    }

    [Fact]
    public async Task A_resolved_conversation_cannot_be_snoozed()
    {
        var inbound = await App.PushAcceptedAsync(Channel, "s-1", "+34600100104", "Gracias");
        await Admin.ChangeStatusAsync(inbound.ConversationId, ConversationStatus.Resolved);

        var response = await Admin.PostAsJsonAsync(Routes.ConversationSnooze(inbound.ConversationId), new SnoozeRequest(DateTimeOffset.UtcNow.AddHours(1)));

        Assert.Contains("reopen", await response.AssertStatusAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Snooze_is_not_a_status_you_can_set_directly()
    {
        var inbound = await App.PushAcceptedAsync(Channel, "s-1", "+34600100105", "Hola");

        var response = await Admin.PostAsJsonAsync(Routes.ConversationStatus(inbound.ConversationId), new ChangeStatusRequest(ConversationStatus.Snoozed));

        Assert.Contains("snooze", await response.AssertStatusAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task A_customer_message_wakes_a_snoozed_conversation()
    {
        var inbound = await App.PushAcceptedAsync(Channel, "s-1", "+34600100106", "Llamadme el lunes");
        await Admin.PostJsonAsync<ConversationDto>(Routes.ConversationSnooze(inbound.ConversationId), new SnoozeRequest(DateTimeOffset.UtcNow.AddDays(3)));

        var again = await App.PushAcceptedAsync(Channel, "s-2", "+34600100106", "Mejor hoy, por favor");

        Assert.Equal(inbound.ConversationId, again.ConversationId);
        var conversation = await Admin.GetJsonAsync<ConversationDto>(Routes.Conversation(inbound.ConversationId));
        Assert.Equal(ConversationStatus.Open, conversation.Status);
        Assert.Null(conversation.SnoozedUntil);
        Assert.Equal("Mejor hoy, por favor", conversation.LastMessagePreview);
    }

    [Fact]
    public async Task A_snoozed_conversation_reopens_by_itself_when_its_time_comes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new InboxAppFactory(time: clock);
        var admin = await app.AdminClientAsync();
        var channel = await app.CreateApiChannelAsync(admin);
        var inbound = await app.PushAcceptedAsync(channel, "z-1", "+34600100199", "Llamadme a las diez");
        await admin.PostJsonAsync<ConversationDto>(Routes.ConversationSnooze(inbound.ConversationId), new SnoozeRequest(clock.GetUtcNow().AddHours(1)));
        await using var live = await app.ConnectAgentAsync(await app.AdminTokenAsync());

        clock.Advance(TimeSpan.FromMinutes(59));
        var stillSnoozed = await admin.GetJsonAsync<ConversationDto>(Routes.Conversation(inbound.ConversationId));
        clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(ConversationStatus.Snoozed, stillSnoozed.Status);
        var woken = await live.WaitForAsync<ConversationDto>(nameof(IAgentClient.ConversationUpdated), c => c.Id == inbound.ConversationId && c.Status == ConversationStatus.Open);
        Assert.Null(woken.SnoozedUntil);
        await using var db = app.OpenDatabase();
        var data = await db.ExecuteScalarAsync<string>(
            "SELECT data FROM conversation_events WHERE conversation_id = @Id AND type = 'conversation.status_changed' ORDER BY id DESC LIMIT 1", new { Id = inbound.ConversationId });
        Assert.Equal(("snoozed", "open"), FromTo(data!));
        Assert.Contains("snooze ended", data);
    }

    [Fact]
    public async Task A_conversation_is_assigned_to_an_agent_and_to_a_team()
    {
        var agent = await App.CreateAgentAsync(Admin, "lucia@shop.test");
        var team = await Admin.CreateTeamAsync("Ventas", agent.Id);
        var inbound = await App.PushAcceptedAsync(Channel, "a-1", "+34600100107", "Quiero comprar");

        var toAgent = await Admin.AssignAsync(inbound.ConversationId, agent.Id, null);
        var toBoth = await Admin.AssignAsync(inbound.ConversationId, agent.Id, team.Id);
        var cleared = await Admin.AssignAsync(inbound.ConversationId, null, null);

        Assert.Equal(agent.Id, toAgent.AssigneeId);
        Assert.Equal("lucia", toAgent.AssigneeName);
        Assert.Null(toAgent.TeamId);
        Assert.Equal(agent.Id, toBoth.AssigneeId);
        Assert.Equal(team.Id, toBoth.TeamId);
        Assert.Null(cleared.AssigneeId);
        Assert.Null(cleared.TeamId);
        await using var db = App.OpenDatabase();
        Assert.Equal(3, await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM conversation_events WHERE conversation_id = @Id AND type = 'conversation.assigned'", new { Id = inbound.ConversationId }));
    }

    [Fact]
    public async Task Assigning_to_an_unknown_agent_or_team_is_a_400_and_changes_nothing()
    {
        var inbound = await App.PushAcceptedAsync(Channel, "a-1", "+34600100108", "Hola");

        var unknownUser = await Admin.PostAsJsonAsync(Routes.ConversationAssign(inbound.ConversationId), new AssignRequest(9_999_999, null));
        var unknownTeam = await Admin.PostAsJsonAsync(Routes.ConversationAssign(inbound.ConversationId), new AssignRequest(null, 9_999_999));

        Assert.Contains("assigneeId", await unknownUser.AssertStatusAsync(HttpStatusCode.BadRequest));
        Assert.Contains("teamId", await unknownTeam.AssertStatusAsync(HttpStatusCode.BadRequest));
        var conversation = await Admin.GetJsonAsync<ConversationDto>(Routes.Conversation(inbound.ConversationId));
        Assert.Null(conversation.AssigneeId);
        Assert.Null(conversation.TeamId);
    }

    [Fact]
    public async Task Actions_on_an_unknown_conversation_are_404()
    {
        await (await Admin.GetAsync(Routes.Conversation(9_999_999))).AssertStatusAsync(HttpStatusCode.NotFound);
        await (await Admin.PostAsJsonAsync(Routes.ConversationStatus(9_999_999), new ChangeStatusRequest(ConversationStatus.Resolved))).AssertStatusAsync(HttpStatusCode.NotFound);
        await (await Admin.PostAsync(Routes.ConversationRead(9_999_999), null)).AssertStatusAsync(HttpStatusCode.NotFound);
        await (await Admin.PostAsJsonAsync(Routes.ConversationMessages(9_999_999), new ReplyRequest("hola"))).AssertStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Marking_read_resets_the_unread_count()
    {
        await App.PushAcceptedAsync(Channel, "r-1", "+34600100109", "uno");
        var inbound = await App.PushAcceptedAsync(Channel, "r-2", "+34600100109", "dos");
        Assert.Equal(2, (await Admin.GetJsonAsync<ConversationDto>(Routes.Conversation(inbound.ConversationId))).UnreadCount);

        var read = await (await Admin.PostAsync(Routes.ConversationRead(inbound.ConversationId), null)).ReadJsonOrDumpAsync<ConversationDto>();

        Assert.Equal(0, read.UnreadCount);
        Assert.Equal(0, (await Admin.GetJsonAsync<ConversationDto>(Routes.Conversation(inbound.ConversationId))).UnreadCount);
    }

    [Fact]
    public async Task A_reply_counts_as_reading_the_thread()
    {
        await App.PushAcceptedAsync(Channel, "r-1", "+34600100110", "uno");
        var inbound = await App.PushAcceptedAsync(Channel, "r-2", "+34600100110", "dos");

        await Admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(inbound.ConversationId), new ReplyRequest("Os leemos"));

        var conversation = await Admin.GetJsonAsync<ConversationDto>(Routes.Conversation(inbound.ConversationId));
        Assert.Equal(0, conversation.UnreadCount);
        Assert.Equal("Os leemos", conversation.LastMessagePreview);
    }

    [Fact]
    public async Task A_private_note_neither_reads_the_thread_nor_goes_to_the_customer()
    {
        var inbound = await App.PushAcceptedAsync(Channel, "n-1", "+34600100111", "uno");

        var note = await Admin.PostJsonAsync<MessageDto>(Routes.ConversationNotes(inbound.ConversationId), new NoteRequest("Cliente VIP"));

        Assert.True(note.IsPrivate);
        Assert.Null(note.Status);
        Assert.Null(note.ChannelId);
        var conversation = await Admin.GetJsonAsync<ConversationDto>(Routes.Conversation(inbound.ConversationId));
        Assert.Equal(1, conversation.UnreadCount);
        Assert.Equal("uno", conversation.LastMessagePreview);
        await using var db = App.OpenDatabase();
        Assert.Equal(0, await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM outbox o JOIN messages m ON m.id = o.message_id WHERE m.conversation_id = @Id", new { Id = inbound.ConversationId }));
    }

    [Fact]
    public async Task Every_change_reaches_a_connected_agent_as_conversation_updated()
    {
        var agent = await App.CreateAgentAsync(Admin, "pablo@shop.test");
        var inbound = await App.PushAcceptedAsync(Channel, "l-1", "+34600100112", "Hola");
        await using var live = await App.ConnectAgentAsync(AdminToken);
        var before = (await live.EventsSinceAsync(0)).Max(e => e.EventId);
        var id = inbound.ConversationId;
        var until = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddHours(2).ToUnixTimeMilliseconds());

        await Admin.ChangeStatusAsync(id, ConversationStatus.Resolved);
        await live.WaitForAsync<ConversationDto>(nameof(IAgentClient.ConversationUpdated), c => c.Id == id && c.Status == ConversationStatus.Resolved);
        await Admin.ChangeStatusAsync(id, ConversationStatus.Open);
        await live.WaitForAsync<ConversationDto>(nameof(IAgentClient.ConversationUpdated), c => c.Id == id && c.Status == ConversationStatus.Open);
        await Admin.PostJsonAsync<ConversationDto>(Routes.ConversationSnooze(id), new SnoozeRequest(until));
        await live.WaitForAsync<ConversationDto>(nameof(IAgentClient.ConversationUpdated), c => c.Id == id && c.Status == ConversationStatus.Snoozed && c.SnoozedUntil == until);
        await Admin.AssignAsync(id, agent.Id, null);
        await live.WaitForAsync<ConversationDto>(nameof(IAgentClient.ConversationUpdated), c => c.Id == id && c.AssigneeId == agent.Id);
        (await Admin.PostAsync(Routes.ConversationRead(id), null)).EnsureSuccessOrDump();
        await live.WaitForAsync<ConversationDto>(nameof(IAgentClient.ConversationUpdated), c => c.Id == id && c.UnreadCount == 0);

        var updates = live.Received.Where(r => r.Method == nameof(IAgentClient.ConversationUpdated) && r.EventId > before && ((ConversationDto)r.Payload).Id == id).ToList();
        Assert.Equal(5, updates.Count);
        Assert.Equal(updates.Select(u => u.EventId).Order(), updates.Select(u => u.EventId));
    }

    private static (string From, string To) FromTo(string data)
    {
        using var json = JsonDocument.Parse(data);
        return (json.RootElement.GetProperty("from").GetString()!, json.RootElement.GetProperty("to").GetString()!);
    }
}
