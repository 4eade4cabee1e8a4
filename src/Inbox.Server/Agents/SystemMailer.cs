using MailKit.Net.Smtp;
using Inbox.Connectors.Email;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Inbox.Server.Agents;

/// <summary>Sends Inbox's own mail through the <see cref="SystemMailOptions"/> account, one connection per mail (a few a day).</summary>
public sealed class SystemMailer(IOptions<SystemMailOptions> options)
{
    public bool IsConfigured => options.Value.IsConfigured;

    /// <summary>Throws <see cref="SystemMailException"/> with a reason an admin can act on when the server refuses or cannot be reached.</summary>
    public async Task SendAsync(string to, string subject, string text, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.IsConfigured || o.From is null) throw new InvalidOperationException("No system mail is configured (Inbox:Mail).");
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(o.FromName, o.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = text };
        try
        {
            using var smtp = new SmtpClient { Timeout = (int)o.Timeout.TotalMilliseconds };
            await smtp.ConnectAsync(o.Host!, o.Port, EmailSettings.Socket(o.Security), ct);
            if (smtp.Capabilities.HasFlag(SmtpCapabilities.Authentication) && !string.IsNullOrEmpty(o.Password))
                await smtp.AuthenticateAsync(o.UserName ?? o.From, o.Password, ct);
            await smtp.SendAsync(message, ct);
            await smtp.DisconnectAsync(true, ct);
        }
        catch (Exception ex) when (ex is MailKit.ProtocolException or MailKit.CommandException or MailKit.Security.AuthenticationException
                                       or System.Net.Sockets.SocketException or IOException or TimeoutException)
        {
            throw new SystemMailException($"The mail server {o.Host}:{o.Port} did not take the mail: {ex.Message}", ex);
        }
    }
}

public sealed class SystemMailException(string message, Exception inner) : Exception(message, inner);
