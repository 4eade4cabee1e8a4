using System.ComponentModel.DataAnnotations;

namespace Inbox.Server.Channels;

/// <summary>Section "Inbox:ChannelWorkers": pull channels' listeners (IMAP, Telegram polling), one node per channel.</summary>
public sealed class ChannelWorkerOptions : IValidatableObject
{
    public const string Section = "Inbox:ChannelWorkers";

    /// <summary>How long a node holds a channel without renewing; another node takes over once it lapses.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a node renews its leases and looks for channels nobody works.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan RenewEvery { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First wait before restarting a listener that failed; doubles up to <see cref="MaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RenewEvery * 2 >= Lease) yield return new ValidationResult("RenewEvery must be less than half of Lease, so a live node never loses its lease.", [nameof(RenewEvery)]);
        if (FirstBackoff > MaxBackoff) yield return new ValidationResult("FirstBackoff must not exceed MaxBackoff.", [nameof(FirstBackoff)]);
    }
}
