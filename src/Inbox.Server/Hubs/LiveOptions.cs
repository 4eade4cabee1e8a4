namespace Inbox.Server.Hubs;

/// <summary>Section "Inbox:Live": who may open the agent hub from a browser.</summary>
public sealed class LiveOptions
{
    public const string Section = "Inbox:Live";

    /// <summary>Comma-separated origins (scheme://host[:port]) besides the server's own that may connect to the hub with
    /// an agent's cookie. Empty: same origin only.</summary>
    public string AllowedOrigins { get; set; } = "";

    public IReadOnlySet<string> AllowedOriginSet =>
        AllowedOrigins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(o => o.TrimEnd('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
