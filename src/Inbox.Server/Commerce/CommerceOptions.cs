using System.ComponentModel.DataAnnotations;

namespace Inbox.Server.Commerce;

/// <summary>Section "Inbox:Commerce".</summary>
public sealed class CommerceOptions
{
    public const string Section = "Inbox:Commerce";

    /// <summary>How long a reservation for pickup holds its units before they go back on sale.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan ReservationHold { get; set; } = TimeSpan.FromHours(48);

    /// <summary>How long before a hold ends the customer is reminded on their channel (holds shorter than this are not).</summary>
    [Range(typeof(TimeSpan), "00:10:00", "7.00:00:00")]
    public TimeSpan ReminderBefore { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Language (es or en) of the mail a branch gets for each reservation, and of a reminder to a customer who was
    /// never sent the confirmation.</summary>
    [RegularExpression("^(es|en)$")]
    public string Language { get; set; } = "es";

    /// <summary>How often each node looks for reservations whose hold ran out, and for branch mails and reminders due.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ExpiryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Fill an empty catalogue with the demo furniture retailer (branches, a green velvet sofa, orders) at start-up.</summary>
    public bool SeedDemo { get; set; }

    /// <summary>Time zone of the shops: reply texts show times in it, and a branch's "today" starts at its midnight
    /// (IANA id; UTC when the machine does not know it).</summary>
    [Required]
    public string TimeZone { get; set; } = "Europe/Madrid";

    public TimeZoneInfo ShopTimeZone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>A source slower than this is reported unavailable; the others still answer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan LookupTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
