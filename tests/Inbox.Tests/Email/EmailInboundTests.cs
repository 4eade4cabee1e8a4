using Inbox.Connectors.Email;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using MimeKit;

namespace Inbox.Tests.Email;

/// <summary>
/// Customers' mail in a real dovecot mailbox reaches their thread through the IMAP listener: by UID, committed with
/// the cursor, flagged only after the commit; a restart, a crash between commit and flag, a UIDVALIDITY change and an
/// IMAP outage lose and double nothing; machines' mail is stored as automated and does not reopen the thread.
/// </summary>
public sealed class EmailInboundTests(MailServers servers) : IClassFixture<MailServers>
{
    private static string Unique(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..6]}@shop.test";

    [Fact]
    public async Task A_customers_mail_appears_in_their_thread_with_its_subject_and_is_flagged_once_stored()
    {
        var support = servers.AddUser(Unique("support"));
        await using var app = EmailChannelApp.Node();
        var admin = await app.AdminClientAsync();
        var channelId = await admin.CreateEmailChannelAsync(servers, support);

        var mail = EmailChannelApp.Mail("Ana Pérez <ana@customer.test>", support, "¿Tenéis la talla 42?", "Hola, ¿tenéis las botas rojas en la 42?\n\nGracias,\nAna");
        await servers.AppendAsync(support, mail);

        var stored = await app.StoredAsync(channelId, mail.MessageId);
        Assert.Equal("inbound", stored.Direction);
        Assert.Equal("ana@customer.test", stored.Address);
        Assert.Contains("botas rojas en la 42", stored.Text);
        Assert.Equal("¿Tenéis la talla 42?", stored.Subject);
        Assert.Equal("¿Tenéis la talla 42?", await app.ConversationSubjectAsync(stored.ConversationId));
        var inbox = await Eventually.GetAsync(() => servers.ReadInboxAsync(support), i => i.All(m => m.Keywords.Contains(EmailListener.ProcessedKeyword)));
        Assert.Single(inbox);

        // The thread and its message through the API, as the console sees them.
        var thread = await admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(stored.ConversationId));
        Assert.Equal("¿Tenéis la talla 42?", Assert.Single(thread.Items).Subject);
        Assert.Equal("¿Tenéis la talla 42?", (await admin.GetJsonAsync<ConversationDto>(Routes.Conversation(stored.ConversationId))).Subject);
    }

    [Fact]
    public async Task Attachments_and_inline_images_reach_the_file_store_and_the_quote_is_stripped()
    {
        var support = servers.AddUser(Unique("support"));
        await using var app = EmailChannelApp.Node();
        var admin = await app.AdminClientAsync();
        var channelId = await admin.CreateEmailChannelAsync(servers, support);
        var raw = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Email", "Corpus", "attachments.eml"));
        await servers.AppendAsync(support, raw.Replace("support@shop.test", support));

        var stored = await app.StoredAsync(channelId, "attachments-1@correo.test");
        var message = Assert.Single((await admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(stored.ConversationId))).Items);
        Assert.Equal("Os adjunto la foto del defecto y el ticket.", message.Text);
        Assert.Equal(["image/png", "application/pdf"], message.Attachments.Select(a => a.ContentType));
        var pdf = await admin.GetByteArrayAsync(Routes.Attachment(message.Attachments[1].Id));
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
    }

    [Fact]
    public async Task The_original_with_its_quote_and_sanitised_html_is_kept_for_the_original_view()
    {
        var support = servers.AddUser(Unique("support"));
        await using var app = EmailChannelApp.Node();
        var admin = await app.AdminClientAsync();
        var channelId = await admin.CreateEmailChannelAsync(servers, support);
        var raw = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Email", "Corpus", "gmail-reply.eml"));
        await servers.AppendAsync(support, raw.Replace("support@shop.test", support));

        var stored = await app.StoredAsync(channelId, "CAHk7x=Q8sd7F0aB1c@mail.gmail.com");
        var original = await admin.GetJsonAsync<MessageOriginalDto>(Routes.MessageOriginal(stored.ConversationId, stored.Id));

        Assert.Equal("Perfecto, gracias. ¿Podéis enviarlo a la oficina?\n\nAna", stored.Text);
        Assert.Contains("> Hola Ana, tu pedido sale hoy.", original.Text);
        Assert.Contains("Hola Ana, tu pedido sale hoy.", original.Html);
        var hidden = await admin.GetAsync(Routes.MessageOriginal(stored.ConversationId + 1000, stored.Id));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task The_admins_test_button_says_which_server_failed_and_why()
    {
        var support = servers.AddUser(Unique("support"));
        await using var app = EmailChannelApp.Node();
        var admin = await app.AdminClientAsync();
        var good = await admin.CreateEmailChannelAsync(servers, support);
        var badPassword = (await admin.PostJsonAsync<ChannelCreatedDto>(Routes.Channels, new CreateChannelRequest(ChannelTypes.Email, "Wrong password",
            EmailChannelApp.Settings(servers, support, (EmailSettings.SmtpPortKey, "1")), new() { [EmailSettings.PasswordKey] = "wrong" }))).Channel.Id;

        var ok = await admin.PostJsonAsync<Inbox.Connectors.Abstractions.ConnectionTestResult>(Routes.ChannelTest(good), new { });
        var failed = await admin.PostJsonAsync<Inbox.Connectors.Abstractions.ConnectionTestResult>(Routes.ChannelTest(badPassword), new { });

        Assert.True(ok.Ok, ok.Message);
        Assert.Contains("IMAP: signed in", ok.Message);
        Assert.False(failed.Ok);
        Assert.Contains("IMAP failed: the server refused the user name or password", failed.Message);
        Assert.Contains("SMTP failed", failed.Message);
    }

    [Fact]
    public async Task A_restart_and_a_crash_between_commit_and_flag_lose_and_double_nothing()
    {
        var support = servers.AddUser(Unique("support"));
        var data = Path.Combine(Path.GetTempPath(), "inbox-tests", Guid.NewGuid().ToString("N"));
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var mail = EmailChannelApp.Mail($"cliente{i % 3}@customer.test", support, $"Pedido {i}", $"Mensaje número {i}");
            ids.Add(mail.MessageId!);
            await servers.AppendAsync(support, mail);
        }
        long channelId;
        var first = EmailChannelApp.Node(data);
        try
        {
            channelId = await (await first.AdminClientAsync()).CreateEmailChannelAsync(servers, support, (EmailSettings.BatchSizeKey, "5"));
            // Stopped as soon as the first batch is committed: the rest is left to the next start.
            await Eventually.GetAsync(() => first.MessagesAsync(channelId), m => m.Count >= 5);
        }
        finally
        {
            await first.DisposeAsync();
        }

        // As if the node had died after a commit and before flagging: committed mails without the flag.
        using (var client = await servers.LoginAsync(support))
        {
            await client.Inbox.OpenAsync(MailKit.FolderAccess.ReadWrite);
            var all = await client.Inbox.SearchAsync(MailKit.Search.SearchQuery.All);
            await client.Inbox.StoreAsync(all, new MailKit.StoreFlagsRequest(MailKit.StoreAction.Remove, new HashSet<string> { EmailListener.ProcessedKeyword }) { Silent = true });
        }
        // And mail that arrived while no node was running.
        for (var i = 12; i < 15; i++)
        {
            var mail = EmailChannelApp.Mail("cliente9@customer.test", support, $"Pedido {i}", $"Mensaje número {i}");
            ids.Add(mail.MessageId!);
            await servers.AppendAsync(support, mail);
        }

        var second = EmailChannelApp.Node(data);
        try
        {
            _ = second.Services;
            await Eventually.GetAsync(() => second.MessagesAsync(channelId), m => m.Count >= 15);
            await Eventually.GetAsync(() => servers.ReadInboxAsync(support), i => i.All(m => m.Keywords.Contains(EmailListener.ProcessedKeyword)));

            var stored = await second.MessagesAsync(channelId);
            Assert.Equal(ids.Order(), stored.Select(m => m.ProviderMessageId!).Order());
        }
        finally
        {
            await second.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_uidvalidity_change_rereads_the_mailbox_without_storing_anything_twice()
    {
        var support = servers.AddUser(Unique("support"));
        var data = Path.Combine(Path.GetTempPath(), "inbox-tests", Guid.NewGuid().ToString("N"));
        var before = new[] { "uno", "dos", "tres" }.Select(t => EmailChannelApp.Mail("bea@customer.test", support, "Cambio", t)).ToList();
        foreach (var m in before) await servers.AppendAsync(support, m);
        long channelId;
        await using (var first = EmailChannelApp.Node(data))
        {
            channelId = await (await first.AdminClientAsync()).CreateEmailChannelAsync(servers, support);
            await Eventually.GetAsync(() => first.MessagesAsync(channelId), m => m.Count == 3);
        }

        // The mailbox was rebuilt (a server migration): new UIDVALIDITY, fresh UIDs, our flags lost.
        await servers.ChangeUidValidityAsync(support, 4242);
        using (var client = await servers.LoginAsync(support))
        {
            await client.Inbox.OpenAsync(MailKit.FolderAccess.ReadWrite);
            Assert.Equal(4242u, client.Inbox.UidValidity);
            var all = await client.Inbox.SearchAsync(MailKit.Search.SearchQuery.All);
            await client.Inbox.StoreAsync(all, new MailKit.StoreFlagsRequest(MailKit.StoreAction.Remove, new HashSet<string> { EmailListener.ProcessedKeyword }) { Silent = true });
        }
        var after = EmailChannelApp.Mail("bea@customer.test", support, "Cambio", "cuatro");
        await servers.AppendAsync(support, after);

        var second = EmailChannelApp.Node(data);
        try
        {
            _ = second.Services;
            await Eventually.GetAsync(() => second.MessagesAsync(channelId), m => m.Count >= 4);
            await Eventually.GetAsync(() => servers.ReadInboxAsync(support), i => i.All(m => m.Keywords.Contains(EmailListener.ProcessedKeyword)));

            var stored = await second.MessagesAsync(channelId);
            Assert.Equal(["uno", "dos", "tres", "cuatro"], stored.Select(m => m.Text));
        }
        finally
        {
            await second.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task After_an_imap_outage_the_listener_reconnects_and_reads_what_arrived()
    {
        var support = servers.AddUser(Unique("support"));
        await using var app = EmailChannelApp.Node();
        var channelId = await (await app.AdminClientAsync()).CreateEmailChannelAsync(servers, support);
        var first = EmailChannelApp.Mail("carla@customer.test", support, "Antes", "antes del corte");
        await servers.AppendAsync(support, first);
        await app.StoredAsync(channelId, first.MessageId);

        await servers.StopImapAsync();
        try
        {
            // Mail keeps arriving at the server's disk while IMAP is down (the MTA delivers into the Maildir).
            var during = EmailChannelApp.Mail("carla@customer.test", support, "Durante", "durante el corte");
            await servers.DeliverToMaildirAsync(support, during);
        }
        finally
        {
            await servers.StartImapAsync();
        }
        var later = EmailChannelApp.Mail("carla@customer.test", support, "Después", "después del corte");
        await servers.AppendAsync(support, later);

        await Eventually.GetAsync(() => app.MessagesAsync(channelId), m => m.Count >= 3, TimeSpan.FromSeconds(30));
        // Nothing lost, nothing twice (the server numbers mail delivered during the outage as it finds it).
        Assert.Equal(["antes del corte", "después del corte", "durante el corte"], (await app.MessagesAsync(channelId)).Select(m => m.Text).Order());
    }

    [Fact]
    public async Task Auto_replies_and_bulk_mail_are_stored_as_automated_and_do_not_reopen_or_count()
    {
        var support = servers.AddUser(Unique("support"));
        await using var app = EmailChannelApp.Node();
        var admin = await app.AdminClientAsync();
        var channelId = await admin.CreateEmailChannelAsync(servers, support);
        var question = EmailChannelApp.Mail("dani@customer.test", support, "Devolución", "Quiero devolver un pedido");
        await servers.AppendAsync(support, question);
        var stored = await app.StoredAsync(channelId, question.MessageId);
        (await admin.PostAsync(Routes.ConversationRead(stored.ConversationId), null)).EnsureSuccessOrDump();
        await admin.ChangeStatusAsync(stored.ConversationId, ConversationStatus.Resolved);

        var outOfOffice = EmailChannelApp.Mail("dani@customer.test", support, "Respuesta automática: Devolución", "Estoy fuera hasta el lunes.");
        outOfOffice.Headers.Add("Auto-Submitted", "auto-replied");
        var newsletter = EmailChannelApp.Mail("dani@customer.test", support, "Novedades", "Ofertas de la semana");
        newsletter.Headers.Add("Precedence", "bulk");
        var loop = EmailChannelApp.Mail(support, support, "Re: Devolución", "our own mail came back");
        var daemon = EmailChannelApp.Mail("MAILER-DAEMON@customer.test", support, "Warning: message delayed", "still trying");
        foreach (var m in new[] { outOfOffice, newsletter, loop, daemon }) await servers.AppendAsync(support, m);

        var all = await Eventually.GetAsync(() => app.MessagesAsync(channelId), m => m.Count >= 5);
        Assert.All(all.Skip(1), m => Assert.True(m.Automated, m.Text));
        Assert.False(all[0].Automated);
        var conversation = await admin.GetJsonAsync<ConversationDto>(Routes.Conversation(stored.ConversationId));
        Assert.Equal(ConversationStatus.Resolved, conversation.Status);
        Assert.Equal(0, conversation.UnreadCount);
        Assert.DoesNotContain(all, m => m.Direction == "outbound");
    }
}
