using System.ComponentModel.DataAnnotations;

namespace Inbox.Server.Messaging;

/// <summary>Section "Inbox:Messaging".</summary>
public sealed class MessagingOptions
{
    public const string Section = "Inbox:Messaging";

    /// <summary>Longest text accepted from a customer or an agent, in characters.</summary>
    [Range(1, 1_000_000)]
    public int MaxTextLength { get; set; } = 20_000;

    /// <summary>ISO 3166 region used to read phone numbers written without a +country code.</summary>
    [Required, RegularExpression("^[A-Z]{2}$")]
    public string DefaultPhoneRegion { get; set; } = "ES";
}
