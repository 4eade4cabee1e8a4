using System.ComponentModel.DataAnnotations;

namespace Inbox.Server.Commerce.WooCommerce;

/// <summary>Section "Inbox:Commerce:WooCommerce". The shop itself (URL, key, secret) is the admin's, stored encrypted in the
/// database; these are the operator's limits on talking to it.</summary>
public sealed class WooCommerceOptions
{
    public const string Section = "Inbox:Commerce:WooCommerce";

    /// <summary>How long a lookup's answer is reused (the panel asks again on every thread opened).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest wait for the shop on an action (a cancellation request); lookups use <c>Inbox:Commerce:LookupTimeout</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Development and tests only: lets the shop live on this machine (a loopback address, plain http:// allowed
    /// there). Private networks stay refused even then: the URL is an admin's say-so and must not reach the LAN.</summary>
    public bool AllowLoopback { get; set; }
}
