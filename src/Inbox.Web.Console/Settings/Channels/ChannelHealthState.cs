using Inbox.Contracts;

namespace Inbox.Web.Settings.Channels;

public enum ChannelHealthState { Unknown, Working, Failing }

public static class ChannelHealth
{
    /// <summary>Failing when the last error is newer than the last success (or there was never a success); a customer
    /// message received counts as a success.</summary>
    public static ChannelHealthState StateOf(ChannelHealthDto? health)
    {
        if (health is null) return ChannelHealthState.Unknown;
        var ok = Newest(health.LastSuccessAt, health.LastMessageInAt);
        if (health.LastErrorAt is { } error && (ok is null || error > ok)) return ChannelHealthState.Failing;
        return ok is null ? ChannelHealthState.Unknown : ChannelHealthState.Working;
    }

    private static DateTimeOffset? Newest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null || a > b ? a : b;
}
