using Inbox.Connectors.Abstractions;
using Inbox.Connectors.Email;
using MimeKit;

namespace Inbox.Tests.Email;

/// <summary>
/// The pure side of email: a corpus of real-world-shaped mails (Gmail, Outlook desktop and web, Apple Mail,
/// Thunderbird, Spanish clients, HTML only, ISO-8859-1, Windows-1252, attachments, forwarded mail, a DSN bounce, an
/// auto-reply) parsed to the text an agent should read, each beside its <c>.expected.txt</c>; and the rules behind it.
/// </summary>
public sealed class EmailParsingTests
{
    private const string Own = "support@shop.test";
    private static readonly DateTimeOffset Received = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "Email", "Corpus");

    public static TheoryData<string> CorpusMails() => [.. Directory.GetFiles(CorpusDirectory, "*.eml").Select(f => Path.GetFileNameWithoutExtension(f)!).Order()];

    private static ParsedMail Parse(string name) => EmailParser.Parse(7, MimeMessage.Load(Path.Combine(CorpusDirectory, name + ".eml")), Own, Received);

    private static string Expected(string name) => File.ReadAllText(Path.Combine(CorpusDirectory, name + ".expected.txt")).ReplaceLineEndings("\n").TrimEnd();

    [Fact]
    public void The_corpus_has_at_least_fifteen_mails_each_with_its_expected_text()
    {
        var mails = Directory.GetFiles(CorpusDirectory, "*.eml");
        Assert.True(mails.Length >= 15, $"{mails.Length} mails");
        Assert.All(mails, m => Assert.True(File.Exists(Path.ChangeExtension(m, ".expected.txt")), m));
    }

    [Theory]
    [MemberData(nameof(CorpusMails))]
    public void Each_mail_reads_as_what_the_customer_wrote_now(string name)
    {
        var parsed = Parse(name);

        if (name.StartsWith("dsn", StringComparison.Ordinal))
        {
            Assert.Null(parsed.Message);
            Assert.Equal(Expected(name), parsed.Report!.Error);
            return;
        }
        Assert.Equal(Expected(name), parsed.Message!.Text);
    }

    [Fact]
    public void The_full_original_and_sanitised_html_are_kept_beside_the_stripped_text()
    {
        var gmail = Parse("gmail-reply").Message!;
        var html = Parse("html-only").Message!;

        Assert.Contains("Hola Ana, tu pedido sale hoy.", gmail.OriginalText);
        Assert.Contains("Hola Ana, tu pedido sale hoy.", gmail.OriginalHtml);
        Assert.DoesNotContain("<script", html.OriginalHtml);
        Assert.DoesNotContain("onerror", html.OriginalHtml);
        Assert.Contains("10 pares talla 38", html.OriginalHtml);
        Assert.Null(Parse("thunderbird-signature").Message!.OriginalHtml);
    }

    [Fact]
    public void Sender_subject_threading_headers_and_time_come_from_the_mail()
    {
        var m = Parse("outlook-desktop").Message!;

        Assert.Equal(new ChannelAddress(Inbox.Contracts.IdentityKind.Email, "laura.gomez@empresa.test"), m.From);
        Assert.Equal("Laura Gomez", m.DisplayName);
        Assert.Equal("AM9PR02MB7236B1C2D3E4F5A6@AM9PR02MB7236.eurprd02.prod.outlook.com", m.ProviderMessageId);
        Assert.Equal(["inbox-43-cc33@shop.test"], m.ReplyTo);
        Assert.Equal(["thread-index:AdtlZ3HkQ8y1Vx5pS0mC9yFhK2dLnA=="], m.ThreadKeys);
        Assert.Equal("RE: Factura 2026-118", m.Subject);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 9, 31, 7, TimeSpan.Zero), m.SentAt);
        Assert.False(m.Automated);
        Assert.Equal("José Martínez", Parse("gmail-spanish-wrapped").Message!.DisplayName);
        Assert.Equal("¿Habeis recibido mi pago?", Parse("mobile-base64").Message!.Subject);
    }

    [Fact]
    public async Task Attachments_and_inline_images_become_files_with_their_bytes()
    {
        var m = Parse("attachments").Message!;

        Assert.Equal(["image/png", "application/pdf"], m.Attachments.Select(a => a.ContentType));
        Assert.Equal("ticket.pdf", m.Attachments[1].FileName);
        await using var pdf = await m.Attachments[1].OpenAsync(CancellationToken.None);
        var bytes = new byte[5];
        await pdf.ReadExactlyAsync(bytes);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(bytes));
        Assert.Equal(m.Attachments[1].Size, pdf.Length);
    }

    [Fact]
    public void A_bounce_is_a_failed_report_on_our_original_message_id()
    {
        var report = Parse("dsn-bounce").Report!;

        Assert.Equal("inbox-99-0123abcd@shop.test", report.ProviderMessageId);
        Assert.Equal(DeliveryStatus.Failed, report.Status);
        Assert.Equal("5.1.1", report.ErrorCode);
    }

    [Theory]
    [InlineData("outlook-auto-reply", true)]
    [InlineData("gmail-reply", false)]
    [InlineData("html-only", false)]
    public void Machines_mail_is_marked_automated(string name, bool automated) => Assert.Equal(automated, Parse(name).Message!.Automated);

    [Theory]
    [InlineData("Precedence", "bulk")]
    [InlineData("Precedence", "auto_reply")]
    [InlineData("Precedence", "list")]
    [InlineData("Auto-Submitted", "auto-replied")]
    [InlineData("X-Autoreply", "yes")]
    [InlineData("List-Id", "<ofertas.tienda.test>")]
    public void Headers_that_mark_a_machine(string header, string value)
    {
        var mail = EmailChannelApp.Mail("ana@customer.test", Own, "Hola", "hola");
        mail.Headers.Add(header, value);
        Assert.True(AutomatedMail.IsAutomated(mail, "ana@customer.test", Own));
        Assert.False(AutomatedMail.IsAutomated(EmailChannelApp.Mail("ana@customer.test", Own, "Hola", "hola"), "ana@customer.test", Own));
        Assert.False(AutomatedMail.IsAutomated(new MimeMessage { Subject = "x", Headers = { { "Auto-Submitted", "no" } } }, "ana@customer.test", Own));
    }

    [Theory]
    [InlineData("mailer-daemon@mx.test")]
    [InlineData("postmaster@mx.test")]
    [InlineData("support@shop.test")]
    public void Robots_and_our_own_address_are_machines(string from) =>
        Assert.True(AutomatedMail.IsAutomated(EmailChannelApp.Mail(from, Own, "Hola", "hola"), from, Own));

    [Theory]
    [InlineData("Talla 42", true, "Re: Talla 42")]
    [InlineData("Re: Talla 42", true, "Re: Talla 42")]
    [InlineData("RE: Re: Talla 42", true, "Re: Talla 42")]
    [InlineData("RV: Talla 42", true, "Re: Talla 42")]
    [InlineData("Aw: Fwd: Talla 42", true, "Re: Talla 42")]
    [InlineData("Re: Talla 42", false, "Talla 42")]
    [InlineData("Reunión: martes", true, "Re: Reunión: martes")]
    [InlineData(null, true, "Re:")]
    public void A_reply_subject_has_one_re(string? subject, bool answering, string expected) => Assert.Equal(expected, OutboundMail.ReplySubject(subject, answering));

    [Fact]
    public void Outlook_thread_index_replies_keep_the_threads_header_block()
    {
        var start = ThreadIndex.Start(Received, "inbox-1@shop.test");
        var key = ThreadIndex.KeyOf(start)!;
        var reply = ThreadIndex.Reply(key, "inbox-2@shop.test")!;

        Assert.Equal(22, Convert.FromBase64String(start).Length);
        Assert.Equal(27, Convert.FromBase64String(reply).Length);
        Assert.Equal(key, ThreadIndex.KeyOf(reply));
        Assert.Equal(start, ThreadIndex.Start(Received, "inbox-1@shop.test"));
        Assert.Null(ThreadIndex.KeyOf("not base64!"));
        Assert.Null(ThreadIndex.KeyOf(Convert.ToBase64String(new byte[10])));
    }

    [Fact]
    public void Quoted_lines_are_dropped_and_a_mail_that_is_all_quote_is_kept_whole()
    {
        Assert.Equal("Sí\n\nGracias", QuoteStripper.Strip("> ¿Lo quieres?\nSí\n> ¿En rojo?\n\nGracias"));
        Assert.Equal("> solo cita", QuoteStripper.Strip("> solo cita"));
        Assert.Equal("De: acuerdo con todo", QuoteStripper.Strip("De: acuerdo con todo"));
    }

    [Fact]
    public async Task A_reply_carries_our_message_id_threading_headers_and_both_alternatives()
    {
        var settings = new EmailSettings("imap", 993, MailSecurity.Ssl, "smtp", 465, MailSecurity.Ssl, "u", "p", Own, "Soporte", ProcessedMode.Flag, "Processed", 25, TimeSpan.FromMinutes(1));
        ChannelAddress.TryEmail("ana@customer.test", out var to);
        var message = new OutboundMessage(5, 6, 7, "inbox-5-abc", to, "Hola <Ana> & co", "Luis", Received)
        {
            Subject = "RE: Pedido",
            ReplyTo = ["a@customer.test", "b@customer.test"],
            ThreadKeys = [ThreadIndex.KeyOf("AdtlZ3HkQ8y1Vx5pS0mC9yFhK2dLnA==")!],
            Attachments = [new OutboundAttachment("a.txt", "text/plain", 3, _ => Task.FromResult<Stream>(new MemoryStream("abc"u8.ToArray())))],
        };

        var (mail, key) = await OutboundMail.BuildAsync(settings, message, CancellationToken.None);

        Assert.Equal("inbox-5-abc@shop.test", mail.MessageId);
        Assert.Equal("b@customer.test", mail.InReplyTo);
        Assert.Equal(["a@customer.test", "b@customer.test"], mail.References);
        Assert.Equal("Re: Pedido", mail.Subject);
        Assert.Equal("thread-index:AdtlZ3HkQ8y1Vx5pS0mC9yFhK2dLnA==", key);
        Assert.Equal(key, ThreadIndex.KeyOf(mail.Headers["Thread-Index"]));
        Assert.Equal("Hola <Ana> & co", mail.TextBody?.Trim());
        Assert.Contains("Hola &lt;Ana&gt; &amp; co", mail.HtmlBody);
        Assert.Equal("a.txt", Assert.Single(mail.Attachments).ContentDisposition?.FileName);
    }
}
