namespace Inbox.Connectors.Abstractions;

public enum CustomerActivityKind { Typing, StoppedTyping }

/// <summary>Ephemeral: what a customer is doing now on a channel. Pushed to agents, never stored or replayed.</summary>
public sealed record CustomerActivity(long ChannelId, ChannelAddress From, CustomerActivityKind Kind);
