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
}
