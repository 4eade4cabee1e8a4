using System.ComponentModel.DataAnnotations;

namespace Inbox.Server.Handoff;

public sealed class HandoffOptions
{
    public const string Section = "Inbox:Handoff";

    /// <summary>How long a hand-off code can be redeemed: long enough to open the app, short enough that a forgotten one is dead.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(30);
}
