using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Inbox.Tests.Email;

/// <summary>The real servers the email tests stand on: a customer's mail appended over IMAP is there to read, and mail
/// handed to the SMTP server lands in the recipient's dovecot INBOX.</summary>
public sealed class EmailServersTests(MailServers servers) : IClassFixture<MailServers>
{
    [Fact]
    public async Task A_mail_appended_over_imap_is_in_the_inbox()
    {
        var support = servers.AddUser("support-a@shop.test");
        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress("Ana Pérez", "ana@customer.test"));
        mail.To.Add(MailboxAddress.Parse(support));
        mail.Subject = "¿Tenéis la talla 42?";
        mail.MessageId = "ana-1@customer.test";
        mail.Body = new TextPart("plain") { Text = "Hola, ¿hay talla 42?" };

        var uid = await servers.AppendAsync(support, mail);

        var inbox = await servers.ReadInboxAsync(support);
        Assert.NotNull(uid);
        Assert.Equal("ana-1@customer.test", Assert.Single(inbox).Message.MessageId);
        Assert.Equal("¿Tenéis la talla 42?", inbox[0].Message.Subject);
    }

    [Fact]
    public async Task Mail_sent_over_smtp_lands_in_the_recipients_imap_inbox()
    {
        var customer = servers.AddUser("bea@customer.test");
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse("support@shop.test"));
        mail.To.Add(MailboxAddress.Parse(customer));
        mail.Subject = "Tu pedido";
        mail.Body = new TextPart("plain") { Text = "Ya está en camino." };

        using (var smtp = new SmtpClient())
        {
            await smtp.ConnectAsync("127.0.0.1", servers.SmtpPort, SecureSocketOptions.None);
            await smtp.SendAsync(mail);
            await smtp.DisconnectAsync(true);
        }

        var inbox = await servers.ReadInboxAsync(customer);
        Assert.Equal("Tu pedido", Assert.Single(inbox).Message.Subject);
    }

    [Fact]
    public async Task The_smtp_server_refuses_chosen_recipients_like_a_real_one()
    {
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse("support@shop.test"));
        mail.To.Add(MailboxAddress.Parse("reject-me@customer.test"));
        mail.Body = new TextPart("plain") { Text = "x" };

        using var smtp = new SmtpClient();
        await smtp.ConnectAsync("127.0.0.1", servers.SmtpPort, SecureSocketOptions.None);
        var refused = await Assert.ThrowsAsync<SmtpCommandException>(() => smtp.SendAsync(mail));

        Assert.Equal(550, (int)refused.StatusCode);
    }
}
