using System.Net.Sockets;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Inbox.Connectors.Email;

/// <summary>
/// A mailbox as a channel: customers' mail comes in over IMAP (<see cref="EmailListener"/>) and agents' replies go out
/// over SMTP. An SMTP 4xx, a timeout or a dropped connection is retried by the outbox; a 5xx fails the reply with the
/// server's own words. The reply's Message-ID is built from the outbox's idempotency key and is its provider id, so
/// replies and bounces find it.
/// </summary>
public sealed class EmailChannelConnector : IChannelConnector
{
    public string ChannelType => ChannelTypes.Email;

    public LocalizedText DisplayName { get; } = new("Email (IMAP and SMTP)", "Correo electrónico (IMAP y SMTP)");

    public ChannelCapabilities Capabilities => ChannelCapabilities.Text | ChannelCapabilities.Attachments | ChannelCapabilities.RichText;

    public ChannelSettingsSchema Schema => EmailSettings.Schema;

    /// <summary>Most providers refuse mails over 25 MB; base64 makes a file a third larger.</summary>
    public long MaxAttachmentBytes => 18 * 1024 * 1024;

    public bool CanReach(IdentityKind kind) => kind == IdentityKind.Email;

    public async Task<SendResult> SendAsync(ChannelContext channel, OutboundMessage message, CancellationToken ct)
    {
        if (!EmailSettings.TryRead(channel, out var settings, out var problem)) return SendResult.Rejected(problem);
        if (message.To.Kind != IdentityKind.Email) return SendResult.Rejected("Email replies go to email addresses only.");
        var (mail, threadKey) = await OutboundMail.BuildAsync(settings, message, ct);
        using var smtp = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await ConnectSmtpAsync(smtp, settings, ct);
            await smtp.SendAsync(mail, ct);
            await smtp.DisconnectAsync(true, ct);
            return SendResult.Sent(mail.MessageId!) with { ThreadKeys = [threadKey] };
        }
        catch (SmtpCommandException ex)
        {
            var reason = $"SMTP {(int)ex.StatusCode}: {ex.Message}";
            return (int)ex.StatusCode >= 500 ? SendResult.Rejected(reason) : SendResult.RetryLater(reason);
        }
        catch (AuthenticationException ex)
        {
            return SendResult.RetryLater($"SMTP login failed: {ex.Message}");
        }
        catch (Exception ex) when (ex is SmtpProtocolException or IOException or SocketException or TimeoutException or SslHandshakeException
                                   || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return SendResult.RetryLater($"SMTP server unreachable or timed out: {ex.Message}");
        }
    }

    /// <summary>Logs in to both servers and says which one failed and why.</summary>
    public async Task<ConnectionTestResult> TestConnectionAsync(ChannelContext channel, CancellationToken ct)
    {
        if (!EmailSettings.TryRead(channel, out var settings, out var problem)) return new(false, problem);
        var imap = await TryAsync("IMAP", async () =>
        {
            using var client = new ImapClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
            await ConnectImapAsync(client, settings, ct);
            var idle = client.Capabilities.HasFlag(ImapCapabilities.Idle) ? "IDLE" : "polling";
            await client.DisconnectAsync(true, ct);
            return $"IMAP: signed in to {settings.ImapHost} ({idle}).";
        });
        var smtp = await TryAsync("SMTP", async () =>
        {
            using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
            var signedIn = await ConnectSmtpAsync(client, settings, ct);
            await client.DisconnectAsync(true, ct);
            return signedIn ? $"SMTP: signed in to {settings.SmtpHost}." : $"SMTP: connected to {settings.SmtpHost} (it asks for no login).";
        });
        return new(imap.Ok && smtp.Ok, $"{imap.Message} {smtp.Message}");
    }

    private static async Task<(bool Ok, string Message)> TryAsync(string server, Func<Task<string>> test)
    {
        try
        {
            return (true, await test());
        }
        catch (AuthenticationException ex)
        {
            return (false, $"{server} failed: the server refused the user name or password ({ex.Message}).");
        }
        catch (SslHandshakeException)
        {
            return (false, $"{server} failed: the TLS handshake failed (wrong security setting or an untrusted certificate).");
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException or OperationCanceledException or ProtocolException or CommandException)
        {
            return (false, $"{server} failed: {ex.Message}");
        }
    }

    public static async Task ConnectImapAsync(ImapClient client, EmailSettings settings, CancellationToken ct)
    {
        await client.ConnectAsync(settings.ImapHost, settings.ImapPort, EmailSettings.Socket(settings.ImapSecurity), ct);
        await client.AuthenticateAsync(settings.Username, settings.Password, ct);
    }

    /// <summary>Connects and signs in when the server offers AUTH (a local relay may not); true when signed in.</summary>
    public static async Task<bool> ConnectSmtpAsync(SmtpClient client, EmailSettings settings, CancellationToken ct)
    {
        await client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, EmailSettings.Socket(settings.SmtpSecurity), ct);
        if (!client.Capabilities.HasFlag(SmtpCapabilities.Authentication) || settings.Password.Length == 0) return false;
        await client.AuthenticateAsync(settings.Username, settings.Password, ct);
        return true;
    }
}
