using System.ComponentModel.DataAnnotations;
using Inbox.Connectors.Email;

namespace Inbox.Server.Agents;

/// <summary>Section "Inbox:Mail": the SMTP account Inbox sends its own mail from (invitations, password resets). Without a
/// host, nothing is mailed: admins set passwords by hand and the sign-in page offers no reset.</summary>
public sealed class SystemMailOptions : IValidatableObject
{
    public const string Section = "Inbox:Mail";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>StartTls (default), Ssl (implicit TLS, port 465) or None (a local relay).</summary>
    public MailSecurity Security { get; set; } = MailSecurity.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address, e.g. no-reply@shop.example.</summary>
    public string? From { get; set; }

    public string FromName { get; set; } = "Inbox";

    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00")]
    public TimeSpan InvitationValidFor { get; set; } = TimeSpan.FromDays(7);

    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan PasswordResetValidFor { get; set; } = TimeSpan.FromHours(1);

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsConfigured && !System.Net.Mail.MailAddress.TryCreate(From, out _))
            yield return new ValidationResult("Inbox:Mail:From must be the sender's email address when Inbox:Mail:Host is set.", [nameof(From)]);
    }
}
