using System.Collections.Concurrent;

namespace Inbox.Server.Channels;

/// <summary>
/// What admins see of a push channel's webhooks: the last one stored and the last one refused (a signature that did not
/// verify usually means a wrong secret or public URL). At most one write per channel and outcome every few seconds per
/// node, so neither a busy channel nor a flood of forged calls turns health into a write per request.
/// </summary>
public sealed partial class WebhookHealth(ChannelHealthStore store, TimeProvider time, ILogger<WebhookHealth> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<(long ChannelId, bool Ok), DateTimeOffset> _lastWrite = new();

    public void Stored(long channelId) => Record(channelId, ok: true, null);

    public void Refused(long channelId, string reason) => Record(channelId, ok: false, reason);

    private void Record(long channelId, bool ok, string? error)
    {
        var now = time.GetUtcNow();
        var key = (channelId, ok);
        if (_lastWrite.TryGetValue(key, out var last) && now - last < Interval) return;
        _lastWrite[key] = now;
        _ = WriteAsync(channelId, error, now);
    }

    private async Task WriteAsync(long channelId, string? error, DateTimeOffset now)
    {
        try
        {
            if (error is null) await store.RecordSuccessAsync(channelId, null, now, CancellationToken.None);
            else await store.RecordErrorAsync(channelId, null, error, now, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogNotRecorded(ex, channelId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record webhook health for channel {ChannelId}")]
    private partial void LogNotRecorded(Exception ex, long channelId);
}
