namespace Inbox.Server.Messaging;

/// <summary>A pull channel's new cursor, written with the messages it covers while <see cref="Owner"/> holds the lease.</summary>
public sealed record ListenerCursor(long ChannelId, string Owner, string Value);
