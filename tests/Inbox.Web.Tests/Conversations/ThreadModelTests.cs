using Inbox.Contracts;
using Inbox.Web.Conversations;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests.Conversations;

public sealed class ThreadModelTests
{
    [Fact]
    public void Older_pages_are_prepended_and_messages_stay_ordered()
    {
        var thread = new ThreadModel(5);
        thread.Reset(new MessagePage([Fixtures.Inbound(3, 5, "c"), Fixtures.Inbound(4, 5, "d")], "older"));

        thread.AddOlder(new MessagePage([Fixtures.Inbound(1, 5, "a"), Fixtures.Inbound(2, 5, "b")], null));

        Assert.Equal(["a", "b", "c", "d"], thread.Messages.Select(m => m.Text));
        Assert.False(thread.HasOlder);
    }

    [Fact]
    public void An_older_page_that_overlaps_what_is_loaded_keeps_each_message_once_in_order()
    {
        var thread = new ThreadModel(5);
        thread.Reset(new MessagePage([Fixtures.Inbound(3, 5, "c"), Fixtures.Inbound(4, 5, "d")], "older"));
        var version = thread.Version;

        // A message arrived between the two requests, so the older page repeats the oldest loaded one.
        thread.AddOlder(new MessagePage([Fixtures.Inbound(2, 5, "b"), Fixtures.Inbound(3, 5, "c")], "older-2"));
        thread.AddOlder(new MessagePage([Fixtures.Inbound(1, 5, "a")], null));

        Assert.Equal(["a", "b", "c", "d"], thread.Messages.Select(m => m.Text));
        Assert.True(thread.Version > version);
    }

    [Fact]
    public void Same_message_twice_is_kept_once_and_other_conversations_are_ignored()
    {
        var thread = new ThreadModel(5);
        thread.Reset(new MessagePage([], null));

        thread.Upsert(Fixtures.Outbound(9, 5, "hi", MessageStatus.Queued));
        thread.Upsert(Fixtures.Outbound(9, 5, "hi", MessageStatus.Queued));
        thread.Upsert(Fixtures.Outbound(10, 6, "other thread"));

        Assert.Single(thread.Messages);
    }

    [Fact]
    public void Status_only_moves_forward_even_if_events_arrive_out_of_order()
    {
        var thread = new ThreadModel(5);
        thread.Reset(new MessagePage([Fixtures.Outbound(9, 5, "hi", MessageStatus.Queued)], null));

        thread.ApplyStatus(new MessageStatusDto(9, 5, MessageStatus.Delivered, null));
        thread.ApplyStatus(new MessageStatusDto(9, 5, MessageStatus.Sent, null));
        // The POST answer (queued) arriving late must not undo it either.
        thread.Upsert(Fixtures.Outbound(9, 5, "hi", MessageStatus.Queued));

        Assert.Equal(MessageStatus.Delivered, thread.Messages[0].Status);
    }

    [Fact]
    public void Status_that_beats_its_message_is_applied_when_the_message_arrives()
    {
        var thread = new ThreadModel(5);
        thread.Reset(new MessagePage([], null));

        thread.ApplyStatus(new MessageStatusDto(9, 5, MessageStatus.Failed, "invalid number"));
        thread.Upsert(Fixtures.Outbound(9, 5, "hi", MessageStatus.Queued));

        Assert.Equal((MessageStatus.Failed, "invalid number"), (thread.Messages[0].Status, thread.Messages[0].Error));
    }

    [Fact]
    public void Last_inbound_gives_the_default_reply_identity()
    {
        var thread = new ThreadModel(5);
        thread.Reset(new MessagePage([Fixtures.Inbound(1, 5, "a", identityId: 501), Fixtures.Inbound(2, 5, "b", identityId: 502), Fixtures.Outbound(3, 5, "c")], null));

        Assert.Equal(502, thread.LastInbound?.IdentityId);
    }
}
