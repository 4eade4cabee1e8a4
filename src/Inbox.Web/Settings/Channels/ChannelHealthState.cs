using Inbox.Contracts;

namespace Inbox.Web.Settings.Channels;

public enum ChannelHealthState { Unknown, Working, Failing }

public static class ChannelHealth
{
    /// <summary>Failing when the last error is newer than the last success (or there was never a success).</summary>
    public static ChannelHealthState StateOf(ChannelHealthDto? health) => health switch
    {
        null => ChannelHealthState.Unknown,
        { LastErrorAt: { } error } when health.LastSuccessAt is not { } ok || error > ok => ChannelHealthState.Failing,
        { LastSuccessAt: not null } => ChannelHealthState.Working,
        _ => ChannelHealthState.Unknown,
    };
}
