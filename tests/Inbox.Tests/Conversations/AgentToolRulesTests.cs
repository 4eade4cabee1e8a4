using Inbox.Contracts;
using Inbox.Server.Conversations;
using Inbox.Server.Live;

namespace Inbox.Tests.Conversations;

/// <summary>Priority, labels and mentions on the conversation aggregate: what changes, and what each records.</summary>
public sealed class AgentToolRulesTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private const long Agent = 7;

    [Fact]
    public void Setting_a_priority_records_from_and_to_and_setting_it_again_records_nothing()
    {
        var conversation = Conversation.Start(contactId: 1, T0);

        var change = conversation.SetPriority(ConversationPriority.Urgent, Agent, T0);
        var again = conversation.SetPriority(ConversationPriority.Urgent, Agent, T0.AddMinutes(1));

        Assert.NotNull(change);
        Assert.Equal(EventTypes.ConversationPriorityChanged, change.EventType);
        Assert.Equal(new PriorityChangedData(ConversationPriority.None, ConversationPriority.Urgent), change.Data);
        Assert.Equal(Agent, change.ActorId);
        Assert.Equal(ConversationPriority.Urgent, conversation.Priority);
        Assert.Null(again);
    }

    [Fact]
    public void An_unknown_priority_is_refused()
    {
        var conversation = Conversation.Start(contactId: 1, T0);

        Assert.Throws<ConversationRuleException>(() => conversation.SetPriority((ConversationPriority)42, Agent, T0));
        Assert.Equal(ConversationPriority.None, conversation.Priority);
    }

    [Fact]
    public void A_label_is_applied_once_and_removed_once()
    {
        var conversation = Conversation.Start(contactId: 1, T0);

        var added = conversation.AddLabel(5, Agent, T0);
        var addedAgain = conversation.AddLabel(5, Agent, T0);
        var removed = conversation.RemoveLabel(5, Agent, T0);
        var removedAgain = conversation.RemoveLabel(5, Agent, T0);

        Assert.Equal(EventTypes.ConversationLabelAdded, added?.EventType);
        Assert.Equal(new LabelData(5), added?.Data);
        Assert.Null(addedAgain);
        Assert.Equal(EventTypes.ConversationLabelRemoved, removed?.EventType);
        Assert.Null(removedAgain);
        Assert.Empty(conversation.LabelIds);
    }

    [Fact]
    public void Several_labels_are_kept_apart()
    {
        var conversation = Conversation.Start(contactId: 1, T0);

        conversation.AddLabel(5, Agent, T0);
        conversation.AddLabel(9, Agent, T0);
        conversation.RemoveLabel(5, Agent, T0);

        Assert.Equal([9L], conversation.LabelIds);
    }

    [Fact]
    public void A_mention_records_the_note_and_who_and_counts_as_activity_without_changing_status()
    {
        var conversation = Conversation.Start(contactId: 1, T0);

        var change = conversation.Mention(noteId: 40, [12, 3], Agent, T0.AddMinutes(5));

        Assert.NotNull(change);
        Assert.Equal(EventTypes.ConversationMentioned, change.EventType);
        var data = Assert.IsType<MentionedData>(change.Data);
        Assert.Equal(40, data.MessageId);
        Assert.Equal([3L, 12L], data.UserIds);
        Assert.Equal(T0.AddMinutes(5), conversation.LastActivityAt);
        Assert.Equal(ConversationStatus.Open, conversation.Status);
        Assert.Null(conversation.Mention(noteId: 41, [], Agent, T0));
    }
}
