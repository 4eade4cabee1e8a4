namespace Inbox.Connectors.Abstractions;

/// <summary>
/// The inbound side of a pull channel (IMAP, Telegram getUpdates), registered as a keyed service under its
/// channel type. The server runs one listener per enabled channel across all nodes (a lease in the database):
/// <see cref="ListenAsync"/> runs until cancelled; when it throws, the host records the error and starts it again
/// with backoff. Start from <see cref="IChannelInputSink.Cursor"/> and advance it only through <see cref="IChannelInputSink.CommitAsync"/>.
/// </summary>
public interface IChannelListener
{
    Task ListenAsync(ChannelContext channel, IChannelInputSink sink, CancellationToken ct);
}

/// <summary>Where a listener hands what it fetched. One call stores the input and the new cursor in one transaction.</summary>
public interface IChannelInputSink
{
    /// <summary>The cursor last committed for this channel (UID/UIDVALIDITY, an update offset), or null the first time.</summary>
    string? Cursor { get; }

    /// <summary>
    /// Stores <paramref name="input"/> and <paramref name="cursor"/> atomically and returns after the commit; only then
    /// may the listener acknowledge the source (flag the mail, confirm the offset). Throws
    /// <see cref="ChannelLeaseLostException"/> (and stores nothing) when this node no longer holds the channel.
    /// </summary>
    Task<IReadOnlyList<InboundReceipt>> CommitAsync(ChannelInput input, string? cursor, CancellationToken ct);

    /// <summary>The source answered (a poll, a login): shown to admins as the channel's last success.</summary>
    void ReportHealthy();
}

public sealed class ChannelLeaseLostException(long channelId)
    : Exception($"Channel {channelId} is now worked by another node.")
{
    public long ChannelId { get; } = channelId;
}
