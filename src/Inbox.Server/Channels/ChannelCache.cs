using System.Collections.Concurrent;

namespace Inbox.Server.Channels;

/// <summary>
/// Channels read on every inbound request, kept for a few seconds so the hot path does not open a connection
/// just to find its channel. This node's own edits invalidate at once; other nodes' edits show within the TTL.
/// Unknown ids are not cached, so a channel is usable the moment it is created.
/// </summary>
public sealed class ChannelCache(ChannelStore store, TimeProvider time)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<long, (Channel Channel, DateTimeOffset Expires)> _entries = new();

    public async ValueTask<Channel?> GetAsync(long id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(id, out var hit) && hit.Expires > now) return hit.Channel;
        var channel = await store.GetAsync(id, ct);
        if (channel is not null) _entries[id] = (channel, now + TimeToLive);
        return channel;
    }

    public void Invalidate(long id) => _entries.TryRemove(id, out _);
}
