using System.ComponentModel.DataAnnotations;

namespace Inbox.Server.Widget;

/// <summary>Inbox:Widget: limits of the website chat widget's public surface.</summary>
public sealed class WidgetOptions
{
    public const string Section = "Inbox:Widget";

    /// <summary>Serve /widget-demo, a page showing the widget on a demo channel (made on first visit).</summary>
    public bool Demo { get; set; } = true;

    /// <summary>Longest visitor message, in characters.</summary>
    [Range(1, 20_000)]
    public int MaxTextLength { get; set; } = 5_000;

    /// <summary>Widget HTTP requests per second per client address and channel (bursts of twice that).</summary>
    [Range(1, 10_000)]
    public int PermitsPerSecond { get; set; } = 10;

    /// <summary>Files a visitor may upload per minute, per client address and channel (each up to the web chat channel's
    /// limit, 10 MB).</summary>
    [Range(1, 1_000)]
    public int UploadsPerMinute { get; set; } = 10;

    /// <summary>Most files on one visitor message.</summary>
    [Range(1, 20)]
    public int MaxFilesPerMessage { get; set; } = 5;

    /// <summary>Hub calls per second per visitor connection (typing, page views, drafts), bursts of three times that.</summary>
    [Range(1, 1_000)]
    public int HubCallsPerSecond { get; set; } = 10;

    /// <summary>A visit ends this long after the visitor's last widget closed; a reload within it continues the visit.</summary>
    public TimeSpan VisitTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
