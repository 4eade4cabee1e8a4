using System.ComponentModel.DataAnnotations;

namespace Inbox.Server.Handoff;

public sealed class HandoffOptions
{
    public const string Section = "Inbox:Handoff";

    /// <summary>How long a hand-off code can be redeemed: long enough to open the app, short enough that a forgotten one is dead.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a "send me replies by email" verification link works: mail can sit unread for a while.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "7.00:00:00")]
    public TimeSpan EmailLinkLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Verification mails per hour, per visitor and per address: the shop's mailbox is never a way to flood someone.</summary>
    [Range(1, 50)]
    public int EmailLinksPerHour { get; set; } = 3;
}
