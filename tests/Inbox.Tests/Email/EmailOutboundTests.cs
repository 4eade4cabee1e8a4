using Inbox.Connectors.Email;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using MimeKit;

namespace Inbox.Tests.Email;

/// <summary>
/// Agents' replies go out over the real SMTP server into the customer's real mailbox with our Message-ID, In-Reply-To,
/// References, Thread-Index and one "Re:"; the customer's answer threads back by those headers (from another address
/// too, and from an Outlook reply that carries only Thread-Index); 4xx is retried, 5xx and a DSN bounce fail the reply
/// with the server's words.
/// </summary>
public sealed class EmailOutboundTests(MailServers servers) : IClassFixture<MailServers>, IAsyncLifetime
{
    private InboxAppFactory _app = null!;
    private HttpClient _admin = null!;
    private long _channelId;
    private string _support = null!;

    public async Task InitializeAsync()
    {
        _support = servers.AddUser($"support-{Guid.NewGuid().ToString("N")[..6]}@shop.test");
        _app = EmailChannelApp.Node();
        _admin = await _app.AdminClientAsync();
        _channelId = await _admin.CreateEmailChannelAsync(servers, _support);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>The customer writes first; returns their mail and where it was stored.</summary>
    private async Task<(MimeMessage Mail, EmailChannelApp.StoredMessage Stored)> CustomerWritesAsync(string from, string subject, string text)
    {
        var mail = EmailChannelApp.Mail(from, _support, subject, text);
        await servers.AppendAsync(_support, mail);
        return (mail, await _app.StoredAsync(_channelId, mail.MessageId));
    }

    private async Task<MessageDto> ReplyAndWaitAsync(long conversationId, string text, Func<MessageDto, bool> done)
    {
        var reply = await _admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(conversationId), new ReplyRequest(text));
        var page = await Eventually.GetAsync(() => _admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(conversationId)),
            p => p.Items.Any(m => m.Id == reply.Id && done(m)), TimeSpan.FromSeconds(30));
        return page.Items.Single(m => m.Id == reply.Id);
    }

    private async Task<string> ProviderIdAsync(long messageId) =>
        (await _app.MessagesAsync(_channelId)).Single(m => m.Id == messageId).ProviderMessageId!;

    [Fact]
    public async Task A_reply_reaches_the_customer_with_threading_headers_and_their_answer_threads_back()
    {
        var customer = servers.AddUser($"ana-{Guid.NewGuid().ToString("N")[..6]}@customer.test");
        var (question, stored) = await CustomerWritesAsync(customer, "Talla 42", "¿Tenéis la talla 42?");

        var reply = await ReplyAndWaitAsync(stored.ConversationId, "Sí, nos quedan dos pares.\n\nUn saludo", m => m.Status == MessageStatus.Sent);

        var received = (await Eventually.GetAsync(() => servers.ReadInboxAsync(customer), i => i.Count == 1)).Single().Message;
        var ourId = await ProviderIdAsync(reply.Id);
        Assert.Equal(ourId, received.MessageId);
        Assert.Equal(question.MessageId, received.InReplyTo);
        Assert.Equal([question.MessageId!], received.References);
        Assert.Equal("Re: Talla 42", received.Subject);
        Assert.Equal(_support, received.From.Mailboxes.Single().Address);
        Assert.Equal("Zapatería Ana · Soporte", received.From.Mailboxes.Single().Name);
        Assert.NotNull(ThreadIndex.KeyOf(received.Headers["Thread-Index"]));
        Assert.Contains("nos quedan dos pares", received.TextBody);
        Assert.Contains("<p>Sí, nos quedan dos pares.</p>", received.HtmlBody);

        // The customer answers from their phone, with another address: the headers put it in the same thread.
        var phone = servers.AddUser($"ana.movil-{Guid.NewGuid().ToString("N")[..4]}@customer.test");
        var answer = EmailChannelApp.Mail(phone, _support, "Re: Re: Talla 42",
            "Perfecto, me las quedo.\n\nOn Thu, 3 Dec 2026 at 10:00, Soporte <support@shop.test> wrote:\n> Sí, nos quedan dos pares.");
        answer.InReplyTo = received.MessageId;
        answer.References.Add(question.MessageId!);
        answer.References.Add(received.MessageId!);
        await servers.AppendAsync(_support, answer);
        var threaded = await _app.StoredAsync(_channelId, answer.MessageId);
        Assert.Equal(stored.ConversationId, threaded.ConversationId);
        Assert.Equal("Perfecto, me las quedo.", threaded.Text);
        Assert.Equal("Talla 42", await _app.ConversationSubjectAsync(stored.ConversationId));

        // Our next reply answers that mail and keeps one "Re:".
        await ReplyAndWaitAsync(stored.ConversationId, "Reservadas.", m => m.Status == MessageStatus.Sent);
        var second = await Eventually.GetAsync(() => servers.ReadInboxAsync(phone), i => i.Count == 1);
        Assert.Equal("Re: Talla 42", second[0].Message.Subject);
        Assert.Equal(answer.MessageId, second[0].Message.InReplyTo);
        Assert.Equal([question.MessageId!, received.MessageId!, answer.MessageId!], second[0].Message.References);
    }

    [Fact]
    public async Task An_outlook_reply_with_only_thread_index_threads_back_from_another_address()
    {
        var customer = servers.AddUser($"luis-{Guid.NewGuid().ToString("N")[..6]}@customer.test");
        var (_, stored) = await CustomerWritesAsync(customer, "Factura", "Necesito la factura del pedido 1234");
        await ReplyAndWaitAsync(stored.ConversationId, "Adjunta va.", m => m.Status == MessageStatus.Sent);
        var received = (await Eventually.GetAsync(() => servers.ReadInboxAsync(customer), i => i.Count == 1)).Single().Message;
        var ourIndex = Convert.FromBase64String(received.Headers["Thread-Index"]!);

        // Exchange forwarded it to a colleague, who answers from Outlook: no In-Reply-To, no References, a child Thread-Index.
        var outlook = EmailChannelApp.Mail($"contabilidad-{Guid.NewGuid().ToString("N")[..4]}@customer.test", _support, "RE: Factura",
            "Gracias, recibida.\n\nFrom: Soporte <support@shop.test>\nSent: Thursday, December 3, 2026 10:00 AM\nTo: Luis\nSubject: Re: Factura\n\nAdjunta va.");
        outlook.Headers.Add("Thread-Topic", "Factura");
        outlook.Headers.Add("Thread-Index", Convert.ToBase64String([.. ourIndex, 1, 2, 3, 4, 5]));
        await servers.AppendAsync(_support, outlook);

        var threaded = await _app.StoredAsync(_channelId, outlook.MessageId);
        Assert.Equal(stored.ConversationId, threaded.ConversationId);
        Assert.Equal("Gracias, recibida.", threaded.Text);
    }

    [Fact]
    public async Task Without_headers_a_mail_threads_by_its_senders_address()
    {
        var (_, first) = await CustomerWritesAsync("marta@customer.test", "Uno", "primero");
        var (_, second) = await CustomerWritesAsync("Marta <MARTA@customer.test>", "Otro asunto", "segundo");
        var (_, other) = await CustomerWritesAsync("otra@customer.test", "Uno", "de otra persona");

        Assert.Equal(first.ConversationId, second.ConversationId);
        Assert.NotEqual(first.ConversationId, other.ConversationId);
    }

    [Fact]
    public async Task A_temporary_smtp_refusal_is_retried_until_delivered()
    {
        var customer = servers.AddUser($"later-{Guid.NewGuid().ToString("N")[..6]}@customer.test");
        var (_, stored) = await CustomerWritesAsync(customer, "Envío", "¿Cuándo llega?");

        var sent = await ReplyAndWaitAsync(stored.ConversationId, "Mañana.", m => m.Status == MessageStatus.Sent);

        Assert.Null(sent.Error);
        Assert.Single(await Eventually.GetAsync(() => servers.ReadInboxAsync(customer), i => i.Count == 1));
    }

    [Fact]
    public async Task An_smtp_server_that_does_not_answer_times_out_and_the_reply_is_retried()
    {
        // Accepts connections and never says a word.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<System.Net.Sockets.TcpClient>();
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            try { while (true) held.Add(await silent.AcceptTcpClientAsync(stop.Token)); }
            catch (OperationCanceledException) { }
        });
        var mailbox = servers.AddUser($"support-{Guid.NewGuid().ToString("N")[..6]}@shop.test");
        var channelId = await _admin.CreateEmailChannelAsync(servers, mailbox,
            (EmailSettings.SmtpPortKey, ((System.Net.IPEndPoint)silent.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (EmailSettings.TimeoutSecondsKey, "1"));
        var question = EmailChannelApp.Mail("paula@customer.test", mailbox, "Hola", "¿Estáis abiertos?");
        await servers.AppendAsync(mailbox, question);
        var stored = await _app.StoredAsync(channelId, question.MessageId);

        var reply = await _admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(stored.ConversationId), new ReplyRequest("Sí, hasta las 20:00."));

        var outbox = await Eventually.GetAsync(async () =>
        {
            await using var c = _app.OpenDatabase();
            return await Dapper.SqlMapper.QuerySingleOrDefaultAsync<(long Attempts, string? LastError)>(c,
                "SELECT attempts, last_error FROM outbox WHERE message_id = @Id", new { Id = reply.Id });
        }, o => o.Attempts >= 2, TimeSpan.FromSeconds(30));
        Assert.Contains("timed out", outbox.LastError, StringComparison.OrdinalIgnoreCase);
        var page = await _admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(stored.ConversationId));
        Assert.Equal(MessageStatus.Queued, page.Items.Single(m => m.Id == reply.Id).Status);
        await stop.CancelAsync();
        await accepting;
        foreach (var client in held) client.Dispose();
    }

    [Fact]
    public async Task A_permanent_smtp_refusal_fails_the_reply_with_the_servers_words()
    {
        var (_, stored) = await CustomerWritesAsync($"reject-{Guid.NewGuid().ToString("N")[..6]}@customer.test", "Hola", "hola");

        var failed = await ReplyAndWaitAsync(stored.ConversationId, "Hola, ¿en qué te ayudo?", m => m.Status == MessageStatus.Failed);

        Assert.Contains("550", failed.Error);
        Assert.Contains("User unknown", failed.Error);
    }

    [Fact]
    public async Task A_bounce_fails_the_reply_it_reports()
    {
        var customer = servers.AddUser($"gone-{Guid.NewGuid().ToString("N")[..6]}@customer.test");
        var (_, stored) = await CustomerWritesAsync(customer, "Pedido", "¿Dónde está mi pedido?");
        var reply = await ReplyAndWaitAsync(stored.ConversationId, "En reparto.", m => m.Status == MessageStatus.Sent);
        var ourId = await ProviderIdAsync(reply.Id);

        // The customer's provider accepted it, then could not deliver it: a DSN comes back to our mailbox.
        var bounce = await MimeMessage.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Dsn(_support, customer, ourId).ReplaceLineEndings("\r\n"))));
        await servers.AppendAsync(_support, bounce);

        var page = await Eventually.GetAsync(() => _admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(stored.ConversationId)),
            p => p.Items.Single(m => m.Id == reply.Id).Status == MessageStatus.Failed);
        var failed = page.Items.Single(m => m.Id == reply.Id);
        Assert.Contains("mailbox is full", failed.Error);
        Assert.Equal("5.2.2", failed.ErrorCode);
        // The bounce itself is not a customer message.
        Assert.Equal(2, page.Items.Count);
    }

    private static string Dsn(string to, string recipient, string originalId) => $"""
        From: Mail Delivery System <MAILER-DAEMON@mx.customer.test>
        To: {to}
        Subject: Undelivered Mail Returned to Sender
        Date: Thu, 03 Dec 2026 10:30:00 +0000
        Message-ID: <dsn-{Guid.NewGuid():N}@mx.customer.test>
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY"

        --BOUNDARY
        Content-Type: text/plain; charset=us-ascii

        I'm sorry to have to inform you that your message could not be delivered.

        --BOUNDARY
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.customer.test
        Arrival-Date: Thu, 03 Dec 2026 10:29:58 +0000

        Final-Recipient: rfc822; {recipient}
        Original-Recipient: rfc822; {recipient}
        Action: failed
        Status: 5.2.2
        Diagnostic-Code: smtp; 552 5.2.2 <{recipient}>: mailbox is full

        --BOUNDARY
        Content-Type: text/rfc822-headers

        From: Soporte <{to}>
        To: {recipient}
        Subject: Re: Pedido
        Message-ID: <{originalId}>

        --BOUNDARY--
        """;
}
