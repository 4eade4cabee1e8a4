using Inbox.Contracts;

namespace Inbox.Server.Messaging;

/// <summary>Outbound status only moves forward: queued → sent → delivered → read; failed from queued or sent.</summary>
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
