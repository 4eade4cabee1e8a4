using System.Collections.Concurrent;
using Inbox.Connectors.Abstractions;

namespace Inbox.Server.Channels;

/// <summary>
/// Channels read on every inbound request, kept for a few seconds so the hot path does not open a connection (or
/// decrypt secrets) just to find its channel. This node's own edits invalidate at once; other nodes' edits show within
/// the TTL. Unknown ids are not cached, so a channel is usable the moment it is created.
/// </summary>
public sealed class ChannelCache(ChannelStore store, TimeProvider time)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<long, Entry> _entries = new();
    private readonly ConcurrentDictionary<string, long> _byWebhookKey = new(StringComparer.Ordinal);

    public async ValueTask<Channel?> GetAsync(long id, CancellationToken ct) => (await EntryAsync(id, ct))?.Channel;

    /// <summary>The channel and what its connector sees (decrypted once per TTL, not per request).</summary>
    public async ValueTask<(Channel Channel, ChannelContext Context)?> GetWithContextAsync(long id, CancellationToken ct) =>
        await EntryAsync(id, ct) is { } e ? (e.Channel, e.Context.Value) : null;

    public async ValueTask<(Channel Channel, ChannelContext Context)?> GetByWebhookKeyAsync(string key, CancellationToken ct)
    {
        if (_byWebhookKey.TryGetValue(key, out var id)) return await GetWithContextAsync(id, ct);
        var channel = await store.GetByWebhookKeyAsync(key, ct);
        if (channel is null) return null;
        _byWebhookKey[key] = channel.Id;
        return (channel, Put(channel).Context.Value);
    }

    public void Invalidate(long id) => _entries.TryRemove(id, out _);

    private async ValueTask<Entry?> EntryAsync(long id, CancellationToken ct)
    {
        if (_entries.TryGetValue(id, out var hit) && hit.Expires > time.GetUtcNow()) return hit;
        var channel = await store.GetAsync(id, ct);
        return channel is null ? null : Put(channel);
    }

    private Entry Put(Channel channel)
    {
        var entry = new Entry(channel, new Lazy<ChannelContext>(() => store.ContextOf(channel)), time.GetUtcNow() + TimeToLive);
        _entries[channel.Id] = entry;
        return entry;
    }

    private sealed record Entry(Channel Channel, Lazy<ChannelContext> Context, DateTimeOffset Expires);
}
