using System.ComponentModel.DataAnnotations;

namespace Inbox.Server.Hubs;

/// <summary>Section "Inbox:Live": how long a live connection that stops reading is waited for before it is dropped.</summary>
public sealed class LiveOptions
{
    public const string Section = "Inbox:Live";

    /// <summary>Pushes queued for one connection at most; one more and the connection is dropped (it reconnects and replays).</summary>
    [Range(16, 1_000_000)]
    public int ClientQueueLimit { get; set; } = 10_000;

    /// <summary>A single push to one connection may wait this long for its socket; then the connection is dropped.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ClientSendTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
