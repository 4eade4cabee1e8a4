namespace Inbox.Server.Channels;

/// <summary>A configured channel (a row of <c>channels</c>); secrets stay encrypted until a connector needs them.</summary>
public sealed class Channel
{
    public long Id { get; set; }
    public string Type { get; set; } = "";
    public string Name { get; set; } = "";
    public string Settings { get; set; } = "{}";
    public string? Secrets { get; set; }
    public string? InboundTokenHash { get; set; }
    /// <summary>The unguessable key of this channel's webhook path (<c>/webhooks/{key}</c>).</summary>
    public string WebhookKey { get; set; } = "";
    public bool Enabled { get; set; }
    /// <summary>What the last rotation replaced, accepted until <see cref="RetiredUntil"/>.</summary>
    public string? RetiredInboundTokenHash { get; set; }
    public string? RetiredSecrets { get; set; }
    public DateTimeOffset? RetiredUntil { get; set; }
    /// <summary>Set when an admin deletes the channel: it takes and sends nothing more, its history stays.</summary>
    public DateTimeOffset? ArchivedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
