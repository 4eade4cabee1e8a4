using System.Globalization;
using Inbox.Connectors.Abstractions;
using MailKit.Security;

namespace Inbox.Connectors.Email;

public enum MailSecurity { Ssl, StartTls, None }

/// <summary>What is done with a mail once it is stored: flagged in place (a keyword, or \Seen where keywords are not
/// allowed) or moved to a folder.</summary>
public enum ProcessedMode { Flag, Move }

/// <summary>One mailbox's settings, read from the channel's settings and secrets (keys as in <see cref="Schema"/>).</summary>
public sealed record EmailSettings(
    string ImapHost, int ImapPort, MailSecurity ImapSecurity,
    string SmtpHost, int SmtpPort, MailSecurity SmtpSecurity,
    string Username, string Password, string FromAddress, string? FromName,
    ProcessedMode Processed, string ProcessedFolder, int BatchSize, TimeSpan PollInterval)
{
    /// <summary>How long one server command may take before the attempt counts as failed (and is retried).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public const string ImapHostKey = "imapHost", ImapPortKey = "imapPort", ImapSecurityKey = "imapSecurity";
    public const string SmtpHostKey = "smtpHost", SmtpPortKey = "smtpPort", SmtpSecurityKey = "smtpSecurity";
    public const string UsernameKey = "username", PasswordKey = "password", FromAddressKey = "fromAddress", FromNameKey = "fromName";
    public const string ProcessedModeKey = "processedMode", ProcessedFolderKey = "processedFolder";
    public const string BatchSizeKey = "batchSize", PollSecondsKey = "pollSeconds", TimeoutSecondsKey = "timeoutSeconds";

    private static readonly SettingOption[] Securities =
    [
        new("ssl", new("SSL/TLS", "SSL/TLS")),
        new("starttls", new("STARTTLS", "STARTTLS")),
        new("none", new("None (local servers only)", "Ninguna (solo servidores locales)")),
    ];

    public static ChannelSettingsSchema Schema { get; } = new([
        new(ImapHostKey, SettingKind.Text, new("IMAP server", "Servidor IMAP")) { Required = true },
        new(ImapPortKey, SettingKind.Number, new("IMAP port", "Puerto IMAP")) { Default = "993" },
        new(ImapSecurityKey, SettingKind.Select, new("IMAP security", "Seguridad IMAP")) { Options = Securities, Default = "ssl" },
        new(SmtpHostKey, SettingKind.Text, new("SMTP server", "Servidor SMTP")) { Required = true },
        new(SmtpPortKey, SettingKind.Number, new("SMTP port", "Puerto SMTP")) { Default = "465" },
        new(SmtpSecurityKey, SettingKind.Select, new("SMTP security", "Seguridad SMTP")) { Options = Securities, Default = "ssl" },
        new(UsernameKey, SettingKind.Text, new("User name", "Usuario")) { Required = true },
        new(PasswordKey, SettingKind.Secret, new("Password", "Contraseña")),
        new(FromAddressKey, SettingKind.Text, new("From address", "Dirección del remitente")) { Required = true },
        new(FromNameKey, SettingKind.Text, new("From name", "Nombre del remitente")),
        new(ProcessedModeKey, SettingKind.Select, new("After storing a mail", "Tras guardar un correo"))
        {
            Default = "flag",
            Options =
            [
                new("flag", new("Flag it in the inbox", "Marcarlo en la bandeja")),
                new("move", new("Move it to a folder", "Moverlo a una carpeta")),
            ],
        },
        new(ProcessedFolderKey, SettingKind.Text, new("Folder for stored mail", "Carpeta para el correo guardado")) { Default = "Processed" },
        new(BatchSizeKey, SettingKind.Number, new("Mails per batch", "Correos por lote")) { Default = "25" },
        new(PollSecondsKey, SettingKind.Number, new("Poll every (s), when the server has no IDLE", "Consultar cada (s), si el servidor no tiene IDLE"))
        {
            Default = "60",
        },
        new(TimeoutSecondsKey, SettingKind.Number, new("Server timeout (s)", "Tiempo de espera del servidor (s)")) { Default = "30" },
    ]);

    /// <summary>The settings, or the first problem found (named for the admin).</summary>
    public static bool TryRead(ChannelContext channel, out EmailSettings settings, out string problem)
    {
        settings = null!;
        problem = "";
        var imapSecurity = Security(channel.Setting(ImapSecurityKey) ?? "ssl");
        var smtpSecurity = Security(channel.Setting(SmtpSecurityKey) ?? "ssl");
        var from = channel.Setting(FromAddressKey);
        if (channel.Setting(ImapHostKey) is not { } imapHost) problem = "The IMAP server is not set.";
        else if (channel.Setting(SmtpHostKey) is not { } smtpHost) problem = "The SMTP server is not set.";
        else if (channel.Setting(UsernameKey) is not { } user) problem = "The user name is not set.";
        else if (!ChannelAddress.TryEmail(from, out var fromAddress)) problem = "The from address is not a valid email address.";
        else if (imapSecurity is null || smtpSecurity is null) problem = "Security must be ssl, starttls or none.";
        else if (!TryNumber(channel, ImapPortKey, imapSecurity == MailSecurity.Ssl ? 993 : 143, 1, 65535, out var imapPort)) problem = "The IMAP port is not a port number.";
        else if (!TryNumber(channel, SmtpPortKey, smtpSecurity == MailSecurity.Ssl ? 465 : 587, 1, 65535, out var smtpPort)) problem = "The SMTP port is not a port number.";
        else if (!TryNumber(channel, BatchSizeKey, 25, 1, 500, out var batch)) problem = "Mails per batch must be between 1 and 500.";
        else if (!TryNumber(channel, PollSecondsKey, 60, 1, 3600, out var poll)) problem = "The poll interval must be between 1 and 3600 seconds.";
        else if (!TryNumber(channel, TimeoutSecondsKey, 30, 1, 300, out var timeout)) problem = "The server timeout must be between 1 and 300 seconds.";
        else
        {
            settings = new EmailSettings(imapHost, imapPort, imapSecurity.Value, smtpHost, smtpPort, smtpSecurity.Value, user,
                channel.Secret(PasswordKey) ?? "", fromAddress.Value, channel.Setting(FromNameKey),
                channel.Setting(ProcessedModeKey) == "move" ? ProcessedMode.Move : ProcessedMode.Flag,
                channel.Setting(ProcessedFolderKey) ?? "Processed", batch, TimeSpan.FromSeconds(poll))
            {
                Timeout = TimeSpan.FromSeconds(timeout),
            };
            return true;
        }
        return false;
    }

    public static SecureSocketOptions Socket(MailSecurity security) => security switch
    {
        MailSecurity.Ssl => SecureSocketOptions.SslOnConnect,
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };

    private static MailSecurity? Security(string value) => value.ToLowerInvariant() switch
    {
        "ssl" => MailSecurity.Ssl,
        "starttls" => MailSecurity.StartTls,
        "none" => MailSecurity.None,
        _ => null,
    };

    private static bool TryNumber(ChannelContext channel, string key, int fallback, int min, int max, out int value)
    {
        value = fallback;
        if (channel.Setting(key) is not { } text) return true;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }
}
