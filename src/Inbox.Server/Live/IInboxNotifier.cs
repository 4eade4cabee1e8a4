using Inbox.Contracts;

namespace Inbox.Server.Live;

/// <summary>How domain code tells connected clients what happened, without knowing SignalR.</summary>
public interface IInboxNotifier
{
    /// <summary>Called after the commit that stored the events, in event-id order.</summary>
    Task PublishAsync(IReadOnlyList<LiveEvent> events, CancellationToken ct);

    /// <summary>What a user may see changed (disabled, role, teams): close their live connections so they come back
    /// re-authorised into the right groups and replay what they missed.</summary>
    Task ReconnectUserAsync(long userId);

    /// <summary>Tells one agent of a new entry in their bell (after the commit that stored it).</summary>
    Task NotifyAsync(long userId, NotificationDto notification, CancellationToken ct);

    /// <summary>Ephemeral: never stored, never replayed.</summary>
    Task TypingAsync(ConversationAudience audience, TypingDto typing, string? exceptConnectionId, CancellationToken ct);
}
