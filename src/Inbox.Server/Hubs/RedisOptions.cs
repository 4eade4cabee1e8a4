namespace Inbox.Server.Hubs;

/// <summary>Section "Inbox:Redis": set when several server nodes run behind one load balancer.</summary>
public sealed class RedisOptions
{
    public const string Section = "Inbox:Redis";

    /// <summary>StackExchange.Redis configuration ("redis.internal:6379,password=…"). Empty: one node, nothing shared.
    /// Set: live events reach agents on every node (SignalR backplane) and closing a user's connections crosses nodes.</summary>
    public string? ConnectionString { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);
}
