using System.ComponentModel.DataAnnotations;

namespace Inbox.Server.Agents;

/// <summary>Section "Inbox:Admin": the first admin, created only when there are no users yet.</summary>
public sealed class AdminBootstrapOptions
{
    public const string Section = "Inbox:Admin";

    [Required, EmailAddress]
    public string Email { get; set; } = "admin@inbox.local";

    [Required]
    public string DisplayName { get; set; } = "Admin";

    /// <summary>Leave empty to have a one-time password generated and printed once to the console.</summary>
    [MinLength(8)]
    public string? Password { get; set; }
}
