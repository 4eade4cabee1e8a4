using System.Data.Common;
using Inbox.Contracts;
using Inbox.Server.Conversations;
using Inbox.Server.Live;

namespace Inbox.Server.Messaging;

/// <summary>Moves an outbound message's status forward and records it as <c>message.status_changed</c> in the same
/// transaction; the caller publishes the returned event after its commit. Used by the outbox and by delivery reports.</summary>
public sealed class MessageStatusChanges(MessageStore messages, ConversationStore conversations, ConversationEventStore events)
{
    /// <summary>The event to publish, or null when the status did not move (a duplicate or out-of-order report).</summary>
    public async Task<LiveEvent?> AdvanceAsync(DbConnection c, DbTransaction tx, long messageId, MessageStatus to, string? error, string? errorCode,
        string? providerMessageId, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        var conversationId = await messages.AdvanceStatusAsync(c, tx, messageId, to, error, errorCode, providerMessageId, now, ct);
        if (conversationId is null) return null;
        var conversation = await conversations.GetForUpdateAsync(c, tx, conversationId.Value, ct);
        if (conversation is null) return null;
        var audience = new ConversationAudience(conversation.Id, conversation.TeamId, conversation.AssigneeId);
        return await events.AppendAsync(c, tx, AgentEventTypes.MessageStatusChanged, audience, null, new MessageStatusData(to, error, reason),
            new MessageStatusDto(messageId, conversation.Id, to, error, errorCode), now, ct);
    }
}
