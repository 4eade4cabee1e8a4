using System.Text.Json;
using Inbox.Contracts;
using Inbox.Web.Api;
using Inbox.Web.Live;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests.Live;

public sealed class LiveEventsTests
{
    private static AgentEvent Event(long id, string type, long conversationId, object payload) =>
        new(id, type, conversationId, JsonSerializer.SerializeToElement(payload, ApiJson.Options), Fixtures.T0);

    [Fact]
    public void Replayed_events_are_deserialised_and_deduped_against_live_ones()
    {
        var live = new LiveEvents();
        var messages = new List<MessageDto>();
        var statuses = new List<MessageStatusDto>();
        var conversations = new List<ConversationDto>();
        live.MessageArrived += messages.Add;
        live.MessageStatusChanged += statuses.Add;
        live.ConversationUpdated += conversations.Add;

        live.OnMessageReceived(10, Fixtures.Inbound(1, 5, "live"));
        // The reconnect replay overlaps what already came live (10) and adds what was missed (11..13).
        live.Apply(Event(10, AgentEventTypes.MessageReceived, 5, Fixtures.Inbound(1, 5, "live")));
        live.Apply(Event(11, AgentEventTypes.MessageCreated, 5, Fixtures.Outbound(2, 5, "reply", MessageStatus.Queued)));
        live.Apply(Event(12, AgentEventTypes.MessageStatusChanged, 5, new MessageStatusDto(2, 5, MessageStatus.Failed, "bounced")));
        live.Apply(Event(13, AgentEventTypes.ConversationUpdated, 5, Fixtures.Conversation(5, "Eva", unread: 2)));
        live.Apply(Event(14, "something.new", 5, new { }));

        Assert.Equal([1L, 2L], messages.Select(m => m.Id));
        Assert.Equal(MessageDirection.Outbound, messages[1].Direction);
        var status = Assert.Single(statuses);
        Assert.Equal((MessageStatus.Failed, "bounced"), (status.Status, status.Error));
        Assert.Equal(2, Assert.Single(conversations).UnreadCount);
        Assert.Equal(14, live.LastEventId);
    }

    [Fact]
    public void Local_updates_do_not_move_the_replay_cursor()
    {
        var live = new LiveEvents();
        var count = 0;
        live.ConversationUpdated += _ => count++;

        live.OnConversationUpdated(0, Fixtures.Conversation(1, "A"));
        live.OnConversationUpdated(0, Fixtures.Conversation(1, "A"));

        Assert.Equal(2, count);
        Assert.Equal(0, live.LastEventId);
    }

    [Fact]
    public void Reset_forgets_the_cursor()
    {
        var live = new LiveEvents();
        live.OnMessageReceived(99, Fixtures.Inbound(1, 5, "x"));

        live.Reset();

        Assert.Equal(0, live.LastEventId);
    }

    [Fact]
    public void Replayed_conversation_removed_is_raised_once()
    {
        var live = new LiveEvents();
        var removed = new List<ConversationRemovedDto>();
        live.ConversationRemoved += removed.Add;

        live.OnConversationRemoved(20, new ConversationRemovedDto(5, 9));
        live.Apply(Event(20, AgentEventTypes.ConversationRemoved, 5, new ConversationRemovedDto(5, 9)));
        live.Apply(Event(21, AgentEventTypes.ConversationRemoved, 6, new ConversationRemovedDto(6, null)));

        Assert.Equal([new ConversationRemovedDto(5, 9), new ConversationRemovedDto(6, null)], removed);
    }

    [Fact]
    public void Advancing_to_the_latest_id_moves_the_resume_cursor_only_forward()
    {
        var live = new LiveEvents();
        live.AdvanceTo(40);
        live.AdvanceTo(30);

        Assert.Equal(40, live.LastEventId);
    }

    [Fact]
    public void An_edit_replaces_the_message_without_counting_as_a_new_one()
    {
        var live = new LiveEvents();
        var arrived = new List<MessageDto>();
        var edited = new List<MessageDto>();
        live.MessageArrived += arrived.Add;
        live.MessageEdited += edited.Add;

        live.OnMessageEdited(20, Fixtures.Inbound(1, 5, "talla 42") with { EditedAt = Fixtures.T0 });
        live.Apply(Event(20, AgentEventTypes.MessageEdited, 5, Fixtures.Inbound(1, 5, "talla 42") with { EditedAt = Fixtures.T0 }));
        live.Apply(Event(21, AgentEventTypes.MessageEdited, 5, Fixtures.Inbound(1, 5, "talla 43") with { EditedAt = Fixtures.T0 }));

        Assert.Empty(arrived);
        Assert.Equal(["talla 42", "talla 43"], edited.Select(m => m.Text));
        Assert.Equal(21, live.LastEventId);
    }
}
