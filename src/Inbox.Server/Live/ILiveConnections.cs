namespace Inbox.Server.Live;

/// <summary>
/// The live (hub) connections of this node, as domain code sees them: closed when the session or rights behind them
/// end or change, narrowed when a conversation they watch leaves their sight. A closed console reconnects, is
/// re-authorised (or refused) and replays what it missed.
/// </summary>
public interface ILiveConnections
{
    /// <summary>Disabled, new role, new password, signed out everywhere: every connection of the user.</summary>
    void CloseUser(long userId);

    /// <summary>Logout: the connections opened with that session's cookie.</summary>
    void CloseSession(string sessionId);

    /// <summary>A revoked API token: the connections it opened.</summary>
    void CloseToken(long tokenId);

    /// <summary>The conversation now belongs to <paramref name="teamId"/>: watchers who may no longer see it leave its
    /// group (typing).</summary>
    Task ConversationMovedAsync(long conversationId, long? teamId, CancellationToken ct);

    /// <summary>The agent chose Online or Away (stored already): whichever node holds their connections shows it.</summary>
    void AvailabilityChanged(long userId, Contracts.AgentAvailability availability);
}
