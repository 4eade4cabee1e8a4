using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Inbox.Tests.Telegram;

/// <summary>
/// Agent replies go out through the real Telegram.Bot client to the loopback Bot API: plain text (no parse mode),
/// pictures and files, paced per chat; Telegram's answers decide what happens next (429 waits retry_after, 403 and 400
/// fail with the reason, 5xx is retried).
/// </summary>
public sealed class TelegramOutboundTests(TelegramPollingInbox shared) : IClassFixture<TelegramPollingInbox>
{
    private InboxAppFactory App => shared.App;
    private HttpClient Admin => shared.Admin;

    /// <summary>A customer wrote on a new bot: (channel, chat, its thread).</summary>
    private async Task<(TelegramChannel Channel, long Chat, long ConversationId)> CustomerWroteAsync()
    {
        var channel = await Admin.CreateTelegramChannelAsync(shared.Api);
        var chat = TelegramUpdates.NewChatId();
        channel.Bot.Queue(TelegramUpdates.Message(chat, 1, "Hola"));
        var thread = await App.ThreadOfChatAsync(Admin, chat);
        return (channel, chat, thread.Id);
    }

    private async Task<MessageDto> SettledAsync(long conversationId, long messageId) =>
        await Eventually.GetAsync(async () => (await Admin.MessagesAsync(conversationId)).Single(m => m.Id == messageId),
            m => m.Status is MessageStatus.Sent or MessageStatus.Failed);

    [Fact]
    public async Task A_reply_is_sent_as_plain_text_to_the_chat_so_markup_characters_arrive_as_typed()
    {
        var (channel, chat, conversationId) = await CustomerWroteAsync();
        const string text = "Sí: *talla 42* a 19_99 € [ver](tienda) <b>hoy</b>";

        var reply = await Admin.ReplyAsync(conversationId, text);
        var settled = await SettledAsync(conversationId, reply.Id);

        Assert.Equal(MessageStatus.Sent, settled.Status);
        var sent = Assert.Single(channel.Bot.Sent);
        Assert.Equal("sendMessage", sent.Method);
        Assert.Equal(chat, sent.Long("chat_id"));
        Assert.Equal(text, sent.Text("text"));
        Assert.Null(sent.Args["parse_mode"]);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_retry_after_telegram_named()
    {
        var (channel, _, conversationId) = await CustomerWroteAsync();
        channel.Bot.FailNext("sendMessage", new ScriptedFailure(429, "Too Many Requests: retry after 2", RetryAfter: 2));

        var reply = await Admin.ReplyAsync(conversationId, "Enseguida");
        var settled = await SettledAsync(conversationId, reply.Id);

        Assert.Equal(MessageStatus.Sent, settled.Status);
        var attempts = channel.Bot.CallsOf("sendMessage");
        Assert.Equal(2, attempts.Count);
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromSeconds(1.9), $"retried after {attempts[1].At - attempts[0].At}");
    }

    [Fact]
    public async Task A_customer_who_blocked_the_bot_fails_the_reply_with_that_reason_and_marks_the_chat_unreachable()
    {
        var (channel, chat, conversationId) = await CustomerWroteAsync();
        channel.Bot.FailNext("sendMessage", new ScriptedFailure(403, "Forbidden: bot was blocked by the user"));

        var reply = await Admin.ReplyAsync(conversationId, "¿Sigues ahí?");
        var settled = await SettledAsync(conversationId, reply.Id);

        Assert.Equal(MessageStatus.Failed, settled.Status);
        Assert.Contains("bot was blocked by the user", settled.Error);
        Assert.Single(channel.Bot.CallsOf("sendMessage"));

        // The chat is marked unreachable, until the customer writes from it again (they unblocked the bot).
        var contactId = (await Admin.GetJsonAsync<ConversationDto>(Routes.Conversation(conversationId))).Contact.Id;
        var identity = await Eventually.GetAsync(async () => (await Admin.GetJsonAsync<ContactDto>(Routes.Contact(contactId))).Identities.Single(i => i.Kind == IdentityKind.Telegram),
            i => i.UnreachableAt is not null);
        Assert.Contains("blocked", identity.UnreachableReason);
        channel.Bot.Queue(TelegramUpdates.Message(chat, 2, "Perdón, ya os he desbloqueado"));
        await Eventually.GetAsync(async () => (await Admin.GetJsonAsync<ContactDto>(Routes.Contact(contactId))).Identities.Single(i => i.Kind == IdentityKind.Telegram),
            i => i.UnreachableAt is null);
    }

    [Fact]
    public async Task A_400_fails_the_reply_with_telegrams_description()
    {
        var (channel, _, conversationId) = await CustomerWroteAsync();
        channel.Bot.FailNext("sendMessage", new ScriptedFailure(400, "Bad Request: chat not found"));

        var reply = await Admin.ReplyAsync(conversationId, "Hola");
        var settled = await SettledAsync(conversationId, reply.Id);

        Assert.Equal(MessageStatus.Failed, settled.Status);
        Assert.Contains("Bad Request: chat not found", settled.Error);
        Assert.Single(channel.Bot.CallsOf("sendMessage"));
    }

    [Fact]
    public async Task A_server_error_is_retried_until_telegram_accepts()
    {
        var (channel, _, conversationId) = await CustomerWroteAsync();
        channel.Bot.FailNext("sendMessage", new ScriptedFailure(502, "Bad Gateway"));
        channel.Bot.FailNext("sendMessage", new ScriptedFailure(500, "Internal Server Error"));

        var reply = await Admin.ReplyAsync(conversationId, "Ya está");
        var settled = await SettledAsync(conversationId, reply.Id);

        Assert.Equal(MessageStatus.Sent, settled.Status);
        Assert.Equal(3, channel.Bot.CallsOf("sendMessage").Count);
        Assert.Single(channel.Bot.Sent);
    }

    [Fact]
    public async Task A_picture_goes_by_sendPhoto_with_the_text_as_caption_and_a_pdf_by_sendDocument()
    {
        var (channel, chat, conversationId) = await CustomerWroteAsync();
        var png = Png(700);
        var photo = await UploadAsync("talla.png", "image/png", png);
        var pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n" + new string('y', 200));
        var invoice = await UploadAsync("factura.pdf", "application/pdf", pdf);

        var withPhoto = await Admin.ReplyAsync(conversationId, "Así queda", [photo.Id]);
        Assert.Equal(MessageStatus.Sent, (await SettledAsync(conversationId, withPhoto.Id)).Status);
        var withPdf = await Admin.ReplyAsync(conversationId, "", [invoice.Id]);
        Assert.Equal(MessageStatus.Sent, (await SettledAsync(conversationId, withPdf.Id)).Status);

        var sent = channel.Bot.Sent;
        Assert.Equal(["sendPhoto", "sendDocument"], sent.Select(s => s.Method));
        Assert.Equal("Así queda", sent[0].Text("caption"));
        Assert.Equal(chat, sent[0].Long("chat_id"));
        Assert.Equal(png, sent[0].Files["photo"].Bytes);
        Assert.Equal("factura.pdf", sent[1].Files["document"].Name);
        Assert.Equal(pdf, sent[1].Files["document"].Bytes);
        Assert.Null(sent[1].Args["caption"]);
    }

    [Fact]
    public async Task Replies_to_one_chat_are_paced_about_a_second_apart()
    {
        var (channel, _, conversationId) = await CustomerWroteAsync();

        var first = await Admin.ReplyAsync(conversationId, "Uno");
        var second = await Admin.ReplyAsync(conversationId, "Dos");
        await SettledAsync(conversationId, first.Id);
        await SettledAsync(conversationId, second.Id);

        var sent = channel.Bot.Sent.OrderBy(s => s.At).ToList();
        Assert.Equal(2, sent.Count);
        Assert.True(sent[1].At - sent[0].At >= TimeSpan.FromSeconds(0.9), $"sent {sent[1].At - sent[0].At} apart");
    }

    [Fact]
    public async Task An_agent_typing_shows_typing_in_the_customers_chat_at_most_every_few_seconds()
    {
        var (channel, chat, conversationId) = await CustomerWroteAsync();
        await using var agent = await App.ConnectAgentAsync(shared.AdminToken);

        await agent.Connection.InvokeAsync(nameof(IAgentHub.Typing), conversationId, true);
        await agent.Connection.InvokeAsync(nameof(IAgentHub.Typing), conversationId, true);
        await agent.Connection.InvokeAsync(nameof(IAgentHub.Typing), conversationId, false);

        var action = (await Eventually.GetAsync(() => Task.FromResult(channel.Bot.CallsOf("sendChatAction")), c => c.Count >= 1)).Single();
        Assert.Equal(chat, action.Long("chat_id"));
        Assert.Equal("typing", action.Text("action"));
        Assert.Single(channel.Bot.CallsOf("sendChatAction"));
    }

    private async Task<UploadDto> UploadAsync(string name, string type, byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        using var form = new MultipartFormDataContent { { content, "file", name } };
        var response = await Admin.PostAsync(Routes.Files, form);
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<UploadDto>())!;
    }

    private static byte[] Png(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        return bytes;
    }
}
