using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Email;
using Inbox.Tests.Infrastructure;
using Inbox.Tests.Telegram;
using Inbox.Tests.Widget;

namespace Inbox.Tests.Handoff;

/// <summary>
/// A widget visitor verifies an email and leaves the site: the agent's reply also goes out by email through the email
/// channel's outbox, the visitor's answer by email threads back into the same conversation, and the widget shows the whole
/// exchange when they return. A visitor still on the site, one who only typed an address, and one whose address an agent
/// split off get no email.
/// </summary>
public sealed class OfflineEmailTests(MailServers servers) : IClassFixture<MailServers>, IAsyncLifetime
{
    private EmailHandoffSite _shop = null!;

    public async Task InitializeAsync() => _shop = await EmailHandoffSite.StartAsync(servers);

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    private async Task VerifyAsync(WidgetVisitor visitor, string mailbox)
    {
        await (await EmailHandoffSite.AskAsync(visitor, _shop.Site, mailbox)).AssertStatusAsync(HttpStatusCode.Accepted);
        var (status, _) = await _shop.ConfirmAsync(Assert.Single(await _shop.VerificationMailsAsync(mailbox)).Link);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    /// <summary>The mails in the customer's mailbox other than the verification.</summary>
    private async Task<List<MimeKit.MimeMessage>> RepliesInAsync(string mailbox) =>
        (await servers.ReadInboxAsync(mailbox)).Select(m => m.Message).Where(m => m.TextBody?.Contains("/continue-by-email#token=") != true).ToList();

    [Fact]
    public async Task A_reply_to_a_visitor_who_left_goes_by_email_and_their_email_answer_threads_back_into_the_widget()
    {
        var mailbox = _shop.NewCustomer("lucia");
        await using var visitor = await _shop.App.OpenWidgetAsync(_shop.Site);
        await visitor.WriteAsync("¿Abrís el domingo?");
        await VerifyAsync(visitor, mailbox);
        var conversationId = await _shop.ThreadOfVisitorAsync(visitor);

        var reply = await _shop.Admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(conversationId), new ReplyRequest("Sí, de 10 a 14."));

        Assert.Equal(_shop.Site.Id, reply.ChannelId);
        var received = (await Eventually.GetAsync(() => RepliesInAsync(mailbox), r => r.Count == 1, TimeSpan.FromSeconds(30))).Single();
        Assert.Contains("Sí, de 10 a 14.", received.TextBody);
        var thread = await _shop.Admin.MessagesAsync(conversationId);
        var copy = Assert.Single(thread, m => m.ChannelId == _shop.EmailChannelId);
        Assert.Equal(("Sí, de 10 a 14.", MessageDirection.Outbound), (copy.Text, copy.Direction));
        var reachable = await _shop.Admin.GetJsonAsync<ReachabilityDto>(HandoffRoutes.ConversationReachability(conversationId));
        Assert.Equal(ReachabilityWarnings.VisitorOfflineEmail, reachable.Channels.Single(r => r.ChannelId == _shop.Site.Id).Warning);

        // The visitor answers the email; it lands in the same thread, and the widget shows it on their return.
        var answer = EmailChannelApp.Mail(mailbox, _shop.Support, "Re: " + received.Subject, "Genial, allí estaré.");
        answer.InReplyTo = received.MessageId;
        answer.References.Add(received.MessageId!);
        await servers.AppendAsync(_shop.Support, answer);
        var stored = await _shop.App.StoredAsync(_shop.EmailChannelId, answer.MessageId);
        Assert.Equal(conversationId, stored.ConversationId);
        await using var back = await _shop.App.OpenWidgetAsync(_shop.Site, visitor.Token);
        var history = (await back.HistoryAsync()).Select(m => m.Text).ToList();
        Assert.Equal("¿Abrís el domingo?", history[0]);
        Assert.Single(history, t => t == "Sí, de 10 a 14."); // the reply once, not its email copy too
        Assert.Equal("Genial, allí estaré.", history[^1]);
    }

    [Fact]
    public async Task A_reply_with_only_a_file_to_a_visitor_who_left_mails_the_file()
    {
        var mailbox = _shop.NewCustomer("elena");
        await using var visitor = await _shop.App.OpenWidgetAsync(_shop.Site);
        await visitor.WriteAsync("¿Me mandáis la factura?");
        await VerifyAsync(visitor, mailbox);
        var conversationId = await _shop.ThreadOfVisitorAsync(visitor);
        var pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n" + new string('f', 6000));
        var upload = await _shop.Admin.UploadFileAsync("factura.pdf", "application/pdf", pdf);

        await _shop.Admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(conversationId), new ReplyRequest("", AttachmentIds: [upload.Id]));

        var received = (await Eventually.GetAsync(() => RepliesInAsync(mailbox), r => r.Count == 1, TimeSpan.FromSeconds(30))).Single();
        var file = Assert.Single(received.Attachments.OfType<MimeKit.MimePart>());
        Assert.Equal("factura.pdf", file.FileName);
        using var bytes = new MemoryStream();
        await file.Content!.DecodeToAsync(bytes);
        Assert.Equal(pdf, bytes.ToArray());
    }

    [Fact]
    public async Task A_visitor_still_on_the_site_gets_no_email()
    {
        var mailbox = _shop.NewCustomer("pablo");
        await using var visitor = await _shop.App.OpenWidgetAsync(_shop.Site);
        await visitor.WriteAsync("Hola");
        await VerifyAsync(visitor, mailbox);
        await visitor.ConnectAsync();
        var conversationId = await _shop.ThreadOfVisitorAsync(visitor);

        await _shop.Admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(conversationId), new ReplyRequest("Hola, dime"));

        await visitor.WaitForAsync<WidgetMessageDto>(nameof(IWidgetClient.Message), m => m.Text == "Hola, dime");
        Assert.DoesNotContain(await _shop.Admin.MessagesAsync(conversationId), m => m.ChannelId == _shop.EmailChannelId);
        Assert.Empty(await RepliesInAsync(mailbox));
    }

    [Fact]
    public async Task An_address_only_typed_into_the_widget_gets_no_email_and_joins_nobody()
    {
        var mailbox = _shop.NewCustomer("eva");
        await using var visitor = await _shop.App.OpenWidgetAsync(_shop.Site);
        await visitor.WriteAsync("¿Hacéis envíos a Canarias?");
        (await visitor.Http.PostAsJsonAsync(WidgetRoutes.OfflineEmail(_shop.Site.Key), new WidgetEmailRequest(mailbox))).EnsureSuccessStatusCode();
        await (await EmailHandoffSite.AskAsync(visitor, _shop.Site, mailbox)).AssertStatusAsync(HttpStatusCode.Accepted);
        await _shop.VerificationMailsAsync(mailbox);
        var conversationId = await _shop.ThreadOfVisitorAsync(visitor);

        var reply = await _shop.Admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(conversationId), new ReplyRequest("Sí, en 5 días."));

        // The widget's own reply is delivered (stored for the visitor's return); no email copy was made of it.
        Assert.Equal(_shop.Site.Id, reply.ChannelId);
        Assert.DoesNotContain(await _shop.Admin.MessagesAsync(conversationId), m => m.ChannelId == _shop.EmailChannelId);
        Assert.Null(await _shop.ContactOfAsync("email", mailbox));
        var reachable = await _shop.Admin.GetJsonAsync<ReachabilityDto>(HandoffRoutes.ConversationReachability(conversationId));
        Assert.Equal(ReachabilityWarnings.VisitorOffline, reachable.Channels.Single(r => r.ChannelId == _shop.Site.Id).Warning);
        Assert.Empty(await RepliesInAsync(mailbox));
    }

    [Fact]
    public async Task An_address_split_off_by_an_agent_gets_no_more_copies()
    {
        var mailbox = _shop.NewCustomer("wrong");
        await using var visitor = await _shop.App.OpenWidgetAsync(_shop.Site);
        await visitor.WriteAsync("Hola");
        await VerifyAsync(visitor, mailbox);
        var conversationId = await _shop.ThreadOfVisitorAsync(visitor);
        var contactId = (await _shop.Admin.GetJsonAsync<ConversationDto>(Routes.Conversation(conversationId))).Contact.Id;
        var contact = await _shop.Admin.GetJsonAsync<ContactDto>(Routes.Contact(contactId));
        var email = contact.Identities.Single(i => i.Kind == IdentityKind.Email);

        var split = await _shop.Admin.PostJsonAsync<SplitDto>(HandoffRoutes.IdentitySplit(contact.Id, email.Id), new { });
        await _shop.Admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(conversationId), new ReplyRequest("¿Sigues ahí?"));

        Assert.NotEqual(contact.Id, split.Contact.Id);
        Assert.Contains(await _shop.Admin.GetJsonAsync<List<IdentityLinkDto>>(HandoffRoutes.ContactLinks(contact.Id)),
            l => l.Reason == IdentityLinkReasons.VerifiedEmail && l.UndoneAt is not null);
        Assert.DoesNotContain(await _shop.Admin.MessagesAsync(conversationId), m => m.ChannelId == _shop.EmailChannelId);
        Assert.Empty(await RepliesInAsync(mailbox));
    }
}
