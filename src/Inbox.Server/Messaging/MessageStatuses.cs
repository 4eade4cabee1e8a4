using Inbox.Contracts;

namespace Inbox.Server.Messaging;

/// <summary>
/// Outbound status only moves forward: queued → sent → delivered → read, and failed from queued or sent. So reports
/// arriving out of order never regress a message: delivered before sent stays delivered, a failed after delivery was
/// confirmed is ignored, and failed is final for providers (a second failed keeps the first reason and code). The one
/// way back is an agent's explicit retry of a failed reply (<see cref="MessageStore.RequeueFailedAsync"/>).
/// </summary>
public static class MessageStatuses
{
    public static IReadOnlyList<MessageStatus> CanAdvanceFrom(MessageStatus to) => to switch
    {
        MessageStatus.Sent => [MessageStatus.Queued],
        MessageStatus.Delivered => [MessageStatus.Queued, MessageStatus.Sent],
        MessageStatus.Read => [MessageStatus.Queued, MessageStatus.Sent, MessageStatus.Delivered],
        MessageStatus.Failed => [MessageStatus.Queued, MessageStatus.Sent],
        _ => [],
    };
}
