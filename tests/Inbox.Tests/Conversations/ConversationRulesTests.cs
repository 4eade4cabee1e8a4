using Inbox.Contracts;
using Inbox.Server.Conversations;
using Inbox.Server.Live;

namespace Inbox.Tests.Conversations;

/// <summary>The conversation aggregate's rules, without a server: which transitions happen and what each records.</summary>
public sealed class ConversationRulesTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private const long Agent = 7;

    [Fact]
    public void A_new_conversation_is_open_with_nothing_unread()
    {
        var conversation = Conversation.Start(contactId: 1, T0);

        Assert.Equal(ConversationStatus.Open, conversation.Status);
        Assert.Equal(0, conversation.UnreadCount);
        Assert.Equal(T0, conversation.LastActivityAt);
    }

    [Theory]
    [InlineData(ConversationStatus.Resolved)]
    [InlineData(ConversationStatus.Snoozed)]
    public void A_customer_message_reopens_a_resolved_or_snoozed_thread(ConversationStatus status)
    {
        var conversation = InStatus(status);

        var change = conversation.ReceiveInbound(identityId: 3, channelId: 4, "¿Hola?", T0.AddHours(1));

        Assert.NotNull(change);
        Assert.Equal(EventTypes.ConversationStatusChanged, change.EventType);
        Assert.Equal(new StatusChangedData(status, ConversationStatus.Open, "customer replied"), change.Data);
        Assert.Null(change.ActorId);
        Assert.Equal(ConversationStatus.Open, conversation.Status);
        Assert.Null(conversation.SnoozedUntil);
    }

    [Theory]
    [InlineData(ConversationStatus.Open)]
    [InlineData(ConversationStatus.Pending)]
    public void A_customer_message_leaves_open_and_pending_threads_as_they_are(ConversationStatus status)
    {
        var conversation = InStatus(status);

        var change = conversation.ReceiveInbound(identityId: 3, channelId: 4, "otra cosa", T0.AddHours(1));

        Assert.Null(change);
        Assert.Equal(status, conversation.Status);
    }

    [Fact]
    public void A_customer_message_counts_unread_and_remembers_where_it_came_from()
    {
        var conversation = Conversation.Start(1, T0);
        var longText = new string('x', Conversation.PreviewLength + 10);

        conversation.ReceiveInbound(identityId: 3, channelId: 4, "uno", T0.AddMinutes(1));
        conversation.ReceiveInbound(identityId: 5, channelId: 6, longText, T0.AddMinutes(2));

        Assert.Equal(2, conversation.UnreadCount);
        Assert.Equal((5L, 6L), (conversation.LastInboundIdentityId!.Value, conversation.LastChannelId!.Value));
        Assert.Equal(Conversation.PreviewLength, conversation.LastMessagePreview!.Length);
        Assert.Equal(T0.AddMinutes(2), conversation.LastActivityAt);
    }

    [Fact]
    public void A_late_arriving_message_does_not_move_activity_back_in_time()
    {
        var conversation = Conversation.Start(1, T0);
        conversation.ReceiveInbound(3, 4, "nuevo", T0.AddMinutes(10));

        conversation.ReceiveInbound(3, 4, "viejo", T0.AddMinutes(5));

        Assert.Equal(T0.AddMinutes(10), conversation.LastActivityAt);
    }

    [Fact]
    public void A_reply_reads_the_thread()
    {
        var conversation = Conversation.Start(1, T0);
        conversation.ReceiveInbound(3, 4, "hola", T0.AddMinutes(1));

        conversation.RecordReply(channelId: 9, "respuesta", T0.AddMinutes(2));

        Assert.Equal(0, conversation.UnreadCount);
        Assert.Equal(9, conversation.LastChannelId);
        Assert.Equal("respuesta", conversation.LastMessagePreview);
        Assert.False(conversation.MarkRead());
    }

    [Fact]
    public void Resolving_twice_records_one_change()
    {
        var conversation = Conversation.Start(1, T0);

        var first = conversation.Resolve(Agent, T0.AddMinutes(1));
        var second = conversation.Resolve(Agent, T0.AddMinutes(2));

        Assert.NotNull(first);
        Assert.Equal(Agent, first.ActorId!.Value);
        Assert.Equal(new StatusChangedData(ConversationStatus.Open, ConversationStatus.Resolved, null), first.Data);
        Assert.Equal(EventTypes.ConversationStatusChanged, first.EventType);
        Assert.Null(second);
    }

    [Fact]
    public void Snoozing_needs_a_time_in_the_future()
    {
        var conversation = Conversation.Start(1, T0);

        Assert.Throws<ConversationRuleException>(() => conversation.Snooze(T0, Agent, T0));
        Assert.Throws<ConversationRuleException>(() => conversation.Snooze(T0.AddSeconds(-1), Agent, T0));
        Assert.Equal(ConversationStatus.Open, conversation.Status);
        Assert.Null(conversation.SnoozedUntil);
    }

    [Fact]
    public void A_resolved_thread_cannot_be_snoozed()
    {
        var conversation = InStatus(ConversationStatus.Resolved);

        Assert.Throws<ConversationRuleException>(() => conversation.Snooze(T0.AddDays(1), Agent, T0));
        Assert.Equal(ConversationStatus.Resolved, conversation.Status);
    }

    [Fact]
    public void Snoozing_records_the_time_and_reopening_clears_it()
    {
        var conversation = Conversation.Start(1, T0);

        var snoozed = conversation.Snooze(T0.AddDays(1), Agent, T0);
        Assert.Equal((ConversationStatus.Snoozed, T0.AddDays(1)), (conversation.Status, conversation.SnoozedUntil!.Value));
        Assert.Equal((ConversationStatus.Open, ConversationStatus.Snoozed), (((StatusChangedData)snoozed.Data).From, ((StatusChangedData)snoozed.Data).To));

        conversation.Reopen(Agent, T0.AddHours(1));
        Assert.Equal(ConversationStatus.Open, conversation.Status);
        Assert.Null(conversation.SnoozedUntil);
    }

    [Fact]
    public void A_snoozed_thread_wakes_only_when_its_time_has_come()
    {
        var conversation = Conversation.Start(1, T0);
        conversation.Snooze(T0.AddHours(2), Agent, T0);

        Assert.Null(conversation.Wake(T0.AddHours(1)));
        Assert.Equal(ConversationStatus.Snoozed, conversation.Status);

        var woke = conversation.Wake(T0.AddHours(2));
        Assert.NotNull(woke);
        Assert.Equal(new StatusChangedData(ConversationStatus.Snoozed, ConversationStatus.Open, "snooze ended"), woke.Data);
        Assert.Equal(ConversationStatus.Open, conversation.Status);
        Assert.Null(conversation.SnoozedUntil);
    }

    [Fact]
    public void Waking_does_nothing_to_a_thread_that_is_not_snoozed()
    {
        Assert.Null(InStatus(ConversationStatus.Open).Wake(T0.AddYears(1)));
        Assert.Null(InStatus(ConversationStatus.Pending).Wake(T0.AddYears(1)));
        Assert.Null(InStatus(ConversationStatus.Resolved).Wake(T0.AddYears(1)));
    }

    [Fact]
    public void Assigning_records_before_and_after_and_nothing_when_unchanged()
    {
        var conversation = Conversation.Start(1, T0);

        var assigned = conversation.Assign(assigneeId: 5, teamId: 2, Agent, T0);
        var again = conversation.Assign(assigneeId: 5, teamId: 2, Agent, T0.AddMinutes(1));
        var cleared = conversation.Assign(null, null, Agent, T0.AddMinutes(2));

        Assert.NotNull(assigned);
        Assert.Equal(EventTypes.ConversationAssigned, assigned.EventType);
        Assert.Equal(new AssignedData(FromAgentId: null, FromTeamId: null, ToAgentId: 5, ToTeamId: 2, Reason: null), assigned.Data);
        Assert.Null(again);
        Assert.NotNull(cleared);
        Assert.Null(conversation.AssigneeId);
        Assert.Null(conversation.TeamId);
    }

    [Fact]
    public void Absorbing_a_merged_thread_adds_its_unread_and_takes_its_newer_activity()
    {
        var target = Conversation.Start(1, T0);
        target.ReceiveInbound(identityId: 10, channelId: 1, "viejo", T0.AddMinutes(1));
        var source = Conversation.Start(2, T0);
        source.ReceiveInbound(identityId: 20, channelId: 2, "nuevo", T0.AddMinutes(5));
        source.ReceiveInbound(identityId: 20, channelId: 2, "más nuevo", T0.AddMinutes(6));

        target.Absorb(source, Agent, T0.AddHours(1));

        Assert.Equal(3, target.UnreadCount);
        Assert.Equal(T0.AddMinutes(6), target.LastActivityAt);
        Assert.Equal("más nuevo", target.LastMessagePreview);
        Assert.Equal((20L, 2L), (target.LastInboundIdentityId!.Value, target.LastChannelId!.Value));
        Assert.Equal(1, target.ContactId);
    }

    [Fact]
    public void Absorbing_an_older_thread_keeps_the_newer_activity()
    {
        var target = Conversation.Start(1, T0);
        target.ReceiveInbound(10, 1, "nuevo", T0.AddMinutes(9));
        var source = Conversation.Start(2, T0);
        source.ReceiveInbound(20, 2, "viejo", T0.AddMinutes(1));

        target.Absorb(source, Agent, T0.AddHours(1));

        Assert.Equal(("nuevo", 10L, 1L), (target.LastMessagePreview, target.LastInboundIdentityId!.Value, target.LastChannelId!.Value));
    }

    [Fact]
    public void A_resolved_thread_absorbing_a_live_one_reopens()
    {
        var target = InStatus(ConversationStatus.Resolved);
        var source = Conversation.Start(2, T0);

        var reopened = target.Absorb(source, Agent, T0.AddHours(1));

        Assert.Equal(ConversationStatus.Open, target.Status);
        Assert.Equal(new StatusChangedData(ConversationStatus.Resolved, ConversationStatus.Open, "merged"), reopened?.Data);
        Assert.Equal(Agent, reopened!.ActorId);
    }

    [Fact]
    public void Two_resolved_threads_stay_resolved_when_merged()
    {
        var target = InStatus(ConversationStatus.Resolved);

        var reopened = target.Absorb(InStatus(ConversationStatus.Resolved), Agent, T0.AddHours(1));

        Assert.Equal(ConversationStatus.Resolved, target.Status);
        Assert.Null(reopened);
    }

    private static Conversation InStatus(ConversationStatus status) => Conversation.Load(new ConversationRow
    {
        Id = 1,
        ContactId = 1,
        Status = status.ToString().ToLowerInvariant(),
        SnoozedUntil = status == ConversationStatus.Snoozed ? T0.AddDays(1) : null,
        LastActivityAt = T0,
        CreatedAt = T0,
    });
}
