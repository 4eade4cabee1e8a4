using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Live;

/// <summary>What the event log records for reports: one type per thing that happened, typed data, ids instead of copies.</summary>
public sealed class EventCatalogueTests(SharedInbox shared) : SharedInboxTest(shared)
{
    private sealed record Row(long Id, string Type, long? ActorId, long? MessageId, string? Data);

    private async Task<List<Row>> EventsOfAsync(long conversationId)
    {
        await using var db = App.OpenDatabase();
        return (await db.QueryAsync<Row>(
            "SELECT id, type, actor_id, message_id, data FROM conversation_events WHERE conversation_id = @Id ORDER BY id", new { Id = conversationId })).ToList();
    }

    [Fact]
    public async Task An_inbound_message_is_stored_as_two_small_rows_that_point_at_the_message()
    {
        var first = await App.PushAcceptedAsync(Channel, "ec-1", "+34600500001", "Hola, ¿tenéis talla M?");
        var second = await App.PushAcceptedAsync(Channel, "ec-2", "+34600500001", "Gracias");

        var events = await EventsOfAsync(first.ConversationId);

        Assert.Equal([EventTypes.MessageReceived, EventTypes.ConversationCreated, EventTypes.MessageReceived, EventTypes.ConversationActivity], events.Select(e => e.Type));
        Assert.Equal([first.MessageId, null, second.MessageId, null], events.Select(e => e.MessageId));
        Assert.All(events, e => Assert.Null(e.Data));
        await using var db = App.OpenDatabase();
        await using var reader = await db.ExecuteReaderAsync("SELECT * FROM conversation_events WHERE 1 = 0");
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        Assert.Contains("message_id", columns);
        Assert.DoesNotContain("payload", columns);
    }

    [Fact]
    public async Task Marking_read_is_its_own_event_with_how_many_were_unread()
    {
        var inbound = await App.PushAcceptedAsync(Channel, "ec-3", "+34600500002", "uno");
        await App.PushAcceptedAsync(Channel, "ec-4", "+34600500002", "dos");
        var me = await Admin.GetJsonAsync<UserDto>(Routes.Me);

        (await Admin.PostAsync(Routes.ConversationRead(inbound.ConversationId), null)).EnsureSuccessOrDump();

        var events = await EventsOfAsync(inbound.ConversationId);
        var read = events.Single(e => e.Type == EventTypes.ConversationRead);
        Assert.Equal(me.Id, read.ActorId);
        Assert.Equal(2, Json(read.Data).GetProperty("unread").GetInt32());
        Assert.DoesNotContain(events, e => e.Type == EventTypes.ConversationStatusChanged);
    }

    [Fact]
    public async Task An_assignment_records_agent_and_team_ids_before_and_after()
    {
        var inbound = await App.PushAcceptedAsync(Channel, "ec-5", "+34600500003", "Hola");
        var me = await Admin.GetJsonAsync<UserDto>(Routes.Me);

        await Admin.AssignAsync(inbound.ConversationId, me.Id, null);

        var data = Json((await EventsOfAsync(inbound.ConversationId)).Single(e => e.Type == EventTypes.ConversationAssigned).Data);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("fromAgentId").ValueKind);
        Assert.Equal(me.Id, data.GetProperty("toAgentId").GetInt64());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("toTeamId").ValueKind);
    }

    [Fact]
    public async Task A_merge_that_reopens_a_resolved_thread_records_the_reopening()
    {
        var target = await App.PushAcceptedAsync(Channel, "ec-6", "+34600500004", "Pedido 1");
        var source = await App.PushAcceptedAsync(Channel, "ec-7", "cliente-ec@shop.test", "Pedido 1 otra vez", kind: "email");
        await Admin.ChangeStatusAsync(target.ConversationId, ConversationStatus.Resolved);
        var me = await Admin.GetJsonAsync<UserDto>(Routes.Me);

        (await Admin.PostAsJsonAsync(Routes.ContactMerge(target.ContactId), new MergeContactsRequest(source.ContactId))).EnsureSuccessOrDump();

        var events = await EventsOfAsync(target.ConversationId);
        var afterMerge = events.SkipWhile(e => e.Type != EventTypes.ConversationRemoved).ToList();
        Assert.Equal([EventTypes.ConversationRemoved, EventTypes.ConversationStatusChanged, EventTypes.ConversationMerged], afterMerge.Select(e => e.Type));
        Assert.All(afterMerge, e => Assert.Equal(me.Id, e.ActorId));
        var removed = Json(afterMerge[0].Data);
        Assert.Equal((source.ConversationId, target.ConversationId),
            (removed.GetProperty("conversationId").GetInt64(), removed.GetProperty("mergedIntoConversationId").GetInt64()));
        var reopened = Json(afterMerge[1].Data);
        Assert.Equal(("resolved", "open", "merged"),
            (reopened.GetProperty("from").GetString(), reopened.GetProperty("to").GetString(), reopened.GetProperty("reason").GetString()));
        Assert.Equal(source.ContactId, Json(afterMerge[2].Data).GetProperty("sourceContactId").GetInt64());
        // The source thread's events moved with its messages.
        Assert.Contains(events, e => e.Type == EventTypes.MessageReceived && e.MessageId == source.MessageId);
    }

    private static JsonElement Json(string? data)
    {
        Assert.NotNull(data);
        using var doc = JsonDocument.Parse(data);
        return doc.RootElement.Clone();
    }
}
