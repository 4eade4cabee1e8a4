namespace Inbox.Web.Live;

/// <summary>Console → server calls on the agent hub (abstracted so components can be tested without SignalR).</summary>
public interface ILiveHub
{
    Task StartAsync();

    Task StopAsync();

    /// <summary>Follows one thread (typing indicators); re-joined automatically after a reconnect.</summary>
    Task JoinConversationAsync(long conversationId);

    Task LeaveConversationAsync(long conversationId);

    Task SendTypingAsync(long conversationId, bool isTyping);

    /// <summary>The composer holds a reply (or is empty again) in the joined thread; said again after a reconnect.</summary>
    Task SendReplyingAsync(long conversationId, bool replying);

    /// <summary>The newest durable event id on the server, or null when the hub is not connected.</summary>
    Task<long?> GetLatestEventIdAsync();

    /// <summary>Fetches the events after <paramref name="eventId"/> and applies them through <see cref="LiveEvents"/> (deduped).</summary>
    Task ReplaySinceAsync(long eventId);
}
