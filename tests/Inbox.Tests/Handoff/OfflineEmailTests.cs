using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Email;
using Inbox.Tests.Infrastructure;
using Inbox.Tests.Telegram;
using Inbox.Tests.Widget;

namespace Inbox.Tests.Handoff;

/// <summary>
/// A widget visitor leaves an email and the site: the agent's reply also goes out by email through the email channel's
/// outbox, the visitor's answer by email threads back into the same conversation, and the widget shows the whole exchange
/// when they return. A visitor still on the site gets no email.
/// </summary>
public sealed class OfflineEmailTests(MailServers servers) : IClassFixture<MailServers>, IAsyncLifetime
{
    private InboxAppFactory _app = null!;
    private HttpClient _admin = null!;
    private long _emailChannelId;
    private string _support = null!;
    private WebChatChannel _site = null!;

    public async Task InitializeAsync()
    {
        _support = servers.AddUser($"support-{Guid.NewGuid().ToString("N")[..6]}@shop.test");
        _app = EmailChannelApp.Node();
        _admin = await _app.AdminClientAsync();
        _emailChannelId = await _admin.CreateEmailChannelAsync(servers, _support);
        _site = await _app.CreateWebChatAsync(_admin);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<long> ThreadOfVisitorAsync(WidgetVisitor visitor)
    {
        await using var db = _app.OpenDatabase();
        return await Dapper.SqlMapper.QuerySingleAsync<long>(db, """
            SELECT c.id FROM conversations c JOIN contact_identities i ON i.contact_id = c.contact_id WHERE i.kind = 'webVisitor' AND i.address = @Address
            """, new { Address = visitor.Session.VisitorId });
    }

    [Fact]
    public async Task A_reply_to_a_visitor_who_left_goes_by_email_and_their_email_answer_threads_back_into_the_widget()
    {
        var mailbox = servers.AddUser($"lucia-{Guid.NewGuid().ToString("N")[..6]}@customer.test");
        await using var visitor = await _app.OpenWidgetAsync(_site);
        await visitor.WriteAsync("¿Abrís el domingo?");
        (await visitor.Http.PostAsJsonAsync(WidgetRoutes.OfflineEmail(_site.Key), new WidgetEmailRequest(mailbox))).EnsureSuccessStatusCode();
        var conversationId = await ThreadOfVisitorAsync(visitor);

        var reply = await _admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(conversationId), new ReplyRequest("Sí, de 10 a 14."));

        Assert.Equal(_site.Id, reply.ChannelId);
        var received = (await Eventually.GetAsync(() => servers.ReadInboxAsync(mailbox), i => i.Count == 1, TimeSpan.FromSeconds(30))).Single().Message;
        Assert.Contains("Sí, de 10 a 14.", received.TextBody);
        var thread = await _admin.MessagesAsync(conversationId);
        var copy = Assert.Single(thread, m => m.ChannelId == _emailChannelId);
        Assert.Equal(("Sí, de 10 a 14.", MessageDirection.Outbound), (copy.Text, copy.Direction));
        var contactId = (await _admin.GetJsonAsync<ConversationDto>(Routes.Conversation(conversationId))).Contact.Id;
        Assert.Contains(await _admin.GetJsonAsync<List<IdentityLinkDto>>(HandoffRoutes.ContactLinks(contactId)),
            l => l.Reason == IdentityLinkReasons.OfflineEmail && l.Address == mailbox);

        // The visitor answers the email; it lands in the same thread, and the widget shows it on their return.
        var answer = EmailChannelApp.Mail(mailbox, _support, "Re: " + received.Subject, "Genial, allí estaré.");
        answer.InReplyTo = received.MessageId;
        answer.References.Add(received.MessageId!);
        await servers.AppendAsync(_support, answer);
        var stored = await _app.StoredAsync(_emailChannelId, answer.MessageId);
        Assert.Equal(conversationId, stored.ConversationId);
        await using var back = await _app.OpenWidgetAsync(_site, visitor.Token);
        var history = (await back.HistoryAsync()).Select(m => m.Text).ToList();
        Assert.Equal("¿Abrís el domingo?", history[0]);
        Assert.Contains("Sí, de 10 a 14.", history);
        Assert.Equal("Genial, allí estaré.", history[^1]);
    }

    [Fact]
    public async Task A_visitor_still_on_the_site_gets_no_email()
    {
        var mailbox = servers.AddUser($"pablo-{Guid.NewGuid().ToString("N")[..6]}@customer.test");
        await using var visitor = await _app.OpenWidgetAsync(_site);
        await visitor.WriteAsync("Hola");
        (await visitor.Http.PostAsJsonAsync(WidgetRoutes.OfflineEmail(_site.Key), new WidgetEmailRequest(mailbox))).EnsureSuccessStatusCode();
        await visitor.ConnectAsync();
        var conversationId = await ThreadOfVisitorAsync(visitor);

        await _admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(conversationId), new ReplyRequest("Hola, dime"));

        await visitor.WaitForAsync<WidgetMessageDto>(nameof(IWidgetClient.Message), m => m.Text == "Hola, dime");
        Assert.DoesNotContain(await _admin.MessagesAsync(conversationId), m => m.ChannelId == _emailChannelId);
        Assert.Empty(await servers.ReadInboxAsync(mailbox));
    }
}
