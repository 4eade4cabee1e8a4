namespace Inbox.Server.Hubs;

/// <summary>Section "Inbox:Live": who may open the agent hub from a browser.</summary>
public sealed class LiveOptions
{
    public const string Section = "Inbox:Live";

    /// <summary>Comma-separated origins (scheme://host[:port]) besides the server's own that may connect to the hub with
    /// an agent's cookie. Empty: same origin only.</summary>
    public string AllowedOrigins { get; set; } = "";

    /// <summary>How often this node re-reads the sessions, tokens and rights behind its live connections, to close those
    /// ended or changed on another node (this node closes its own at once).</summary>
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    public IReadOnlySet<string> AllowedOriginSet =>
        AllowedOrigins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(o => o.TrimEnd('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
