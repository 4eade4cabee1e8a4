using Dapper;
using Inbox.Connectors.Email;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using Inbox.Tests.Platform;
using MimeKit;

namespace Inbox.Tests.Email;

/// <summary>Intent methods for email scenarios: a server node, a mailbox channel on the test's dovecot and aiosmtpd,
/// customers' mails, and what the server stored of them.</summary>
public static class EmailChannelApp
{
    public static InboxAppFactory Node(string? dataDirectory = null) => new(dataDirectory, TestChannelApp.FastWorkers);

    public static Dictionary<string, string> Settings(MailServers servers, string mailbox, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            [EmailSettings.ImapHostKey] = "127.0.0.1",
            [EmailSettings.ImapPortKey] = servers.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [EmailSettings.ImapSecurityKey] = "none",
            [EmailSettings.SmtpHostKey] = "127.0.0.1",
            [EmailSettings.SmtpPortKey] = servers.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [EmailSettings.SmtpSecurityKey] = "none",
            [EmailSettings.UsernameKey] = mailbox,
            [EmailSettings.FromAddressKey] = mailbox,
            [EmailSettings.FromNameKey] = "Zapatería Ana · Soporte",
        };
        foreach (var (k, v) in extra) settings[k] = v;
        return settings;
    }

    public static async Task<long> CreateEmailChannelAsync(this HttpClient admin, MailServers servers, string mailbox, params (string Key, string Value)[] extra) =>
        (await admin.PostJsonAsync<ChannelCreatedDto>(Routes.Channels, new CreateChannelRequest(ChannelTypes.Email, "Soporte",
            Settings(servers, mailbox, extra), new() { [EmailSettings.PasswordKey] = MailServers.Password }))).Channel.Id;

    public static MimeMessage Mail(string from, string to, string subject, string text, string? messageId = null)
    {
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(from));
        mail.To.Add(MailboxAddress.Parse(to));
        mail.Subject = subject;
        mail.MessageId = messageId ?? $"{Guid.NewGuid():N}@customer.test";
        mail.Date = DateTimeOffset.UtcNow;
        mail.Body = new TextPart("plain") { Text = text };
        return mail;
    }

    public sealed class StoredMessage
    {
        public long Id { get; set; }
        public long ConversationId { get; set; }
        public string Direction { get; set; } = "";
        public string Text { get; set; } = "";
        public string? Subject { get; set; }
        public bool Automated { get; set; }
        public string? OriginalText { get; set; }
        public string? Status { get; set; }
        public string? Error { get; set; }
        public string? ProviderMessageId { get; set; }
        public string? Address { get; set; }
    }

    public static async Task<IReadOnlyList<StoredMessage>> MessagesAsync(this InboxAppFactory app, long channelId)
    {
        await using var c = app.OpenDatabase();
        return (await c.QueryAsync<StoredMessage>("""
            SELECT m.id, m.conversation_id, m.direction, m.text, m.subject, m.automated, m.original_text, m.status, m.error, m.provider_message_id, i.address
            FROM messages m LEFT JOIN contact_identities i ON i.id = m.identity_id
            WHERE m.channel_id = @Id ORDER BY m.id
            """, new { Id = channelId })).ToList();
    }

    public static async Task<StoredMessage> StoredAsync(this InboxAppFactory app, long channelId, string? providerMessageId) =>
        (await Eventually.GetAsync(() => app.MessagesAsync(channelId), all => all.Any(m => m.ProviderMessageId == providerMessageId)))
        .Single(m => m.ProviderMessageId == providerMessageId);

    public static async Task<string?> ConversationSubjectAsync(this InboxAppFactory app, long conversationId)
    {
        await using var c = app.OpenDatabase();
        return await c.ExecuteScalarAsync<string?>("SELECT subject FROM conversations WHERE id = @Id", new { Id = conversationId });
    }
}
