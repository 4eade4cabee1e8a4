using System.ComponentModel.DataAnnotations;

namespace Inbox.Server.Conversations;

/// <summary>Section "Inbox:Retention": how long resolved conversations are kept (EU shops must not keep them forever).</summary>
public sealed class RetentionOptions
{
    public const string Section = "Inbox:Retention";

    /// <summary>A resolved conversation with no activity for this long is erased with its messages and files; the contact
    /// stays. Zero keeps everything.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan EraseResolvedAfter { get; set; } = TimeSpan.Zero;

    /// <summary>How often each node looks for conversations past retention.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromHours(1);
}
