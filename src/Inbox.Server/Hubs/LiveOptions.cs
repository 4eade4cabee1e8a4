using System.ComponentModel.DataAnnotations;

namespace Inbox.Server.Hubs;

/// <summary>Section "Inbox:Live": who may open the agent hub from a browser, and how long a live connection that stops
/// reading is waited for before it is dropped.</summary>
public sealed class LiveOptions
{
    public const string Section = "Inbox:Live";

    /// <summary>Comma-separated origins (scheme://host[:port]) besides the server's own that may connect to the hub with
    /// an agent's cookie. Empty: same origin only.</summary>
    public string AllowedOrigins { get; set; } = "";

    /// <summary>How often this node re-reads the sessions, tokens and rights behind its live connections, to close those
    /// ended or changed on another node (this node closes its own at once).</summary>
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>With several nodes, how often each reports who is connected to it and who has which thread open (it
    /// also reports at once on every change); a node silent for three intervals is taken for dead.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PresenceInterval { get; set; } = TimeSpan.FromSeconds(5);

    public IReadOnlySet<string> AllowedOriginSet =>
        AllowedOrigins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(o => o.TrimEnd('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Pushes queued for one connection at most; one more and the connection is dropped (it reconnects and replays).</summary>
    [Range(16, 1_000_000)]
    public int ClientQueueLimit { get; set; } = 10_000;

    /// <summary>A single push to one connection may wait this long for its socket; then the connection is dropped.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ClientSendTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
