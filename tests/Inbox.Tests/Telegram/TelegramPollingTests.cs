using System.Net.Http.Json;
using System.Text;
using Inbox.Contracts;
using Inbox.Server.Channels;
using Inbox.Tests.Infrastructure;
using Inbox.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Telegram;

/// <summary>
/// A bot without a public webhook URL long-polls getUpdates on the loopback Bot API, under the channel's lease. The
/// offset is committed with the messages, so Telegram is told to forget an update only once it is stored.
/// </summary>
public sealed class TelegramPollingTests(TelegramPollingInbox shared) : IClassFixture<TelegramPollingInbox>
{
    private InboxAppFactory App => shared.App;
    private HttpClient Admin => shared.Admin;

    [Fact]
    public async Task Messages_from_one_chat_land_in_its_one_thread_and_the_offset_confirms_them()
    {
        var channel = await Admin.CreateTelegramChannelAsync(shared.Api);
        var chat = TelegramUpdates.NewChatId();
        var other = TelegramUpdates.NewChatId();
        channel.Bot.Queue(TelegramUpdates.Message(chat, 1, "Hola, ¿tenéis la talla 42?"));
        channel.Bot.Queue(TelegramUpdates.Message(other, 1, "Otra persona", firstName: "Bea", lastName: null));
        var last = channel.Bot.Queue(TelegramUpdates.Message(chat, 2, "¿Y en azul?"));

        var thread = await App.ThreadOfChatAsync(Admin, chat);
        var messages = await Eventually.GetAsync(() => Admin.MessagesAsync(thread.Id), m => m.Count == 2);

        Assert.Equal(["Hola, ¿tenéis la talla 42?", "¿Y en azul?"], messages.Select(m => m.Text));
        Assert.All(messages, m => Assert.Equal(channel.Id, m.ChannelId));
        Assert.Equal("Ana García", thread.Contact.Name);
        var otherThread = await App.ThreadOfChatAsync(Admin, other);
        Assert.NotEqual(thread.Id, otherThread.Id);
        // The next poll names the offset after the last stored update: Telegram forgets them only then.
        await Eventually.GetAsync(() => Task.FromResult(channel.Bot.CallsOf("getUpdates").Select(c => c.Long("offset")).ToList()), o => o.Contains(last + 1));
        Assert.Empty(channel.Bot.CallsOf("setWebhook"));
        Assert.NotEmpty(channel.Bot.CallsOf("deleteWebhook"));
    }

    [Fact]
    public async Task An_update_delivered_again_is_stored_once()
    {
        var channel = await Admin.CreateTelegramChannelAsync(shared.Api);
        var chat = TelegramUpdates.NewChatId();
        channel.Bot.Queue(TelegramUpdates.Message(chat, 7, "¿Hacéis envíos a Canarias?"));
        // Telegram sends the same message again (a new update id, the same chat and message id).
        var again = channel.Bot.Queue(TelegramUpdates.Message(chat, 7, "¿Hacéis envíos a Canarias?"));
        var after = channel.Bot.Queue(TelegramUpdates.Message(chat, 8, "Gracias"));

        await Eventually.GetAsync(() => Task.FromResult(channel.Bot.CallsOf("getUpdates").Select(c => c.Long("offset")).ToList()), o => o.Contains(after + 1));

        Assert.Equal((2, 2), await App.StoredAsync(channel.Id));
        Assert.True(again < after);
    }

    [Fact]
    public async Task Updates_of_kinds_inbox_does_not_keep_are_confirmed_and_never_fetched_again()
    {
        var channel = await Admin.CreateTelegramChannelAsync(shared.Api);
        var chat = TelegramUpdates.NewChatId();
        var skipped = channel.Bot.Queue(TelegramUpdates.MyChatMember(chat));
        var service = channel.Bot.Queue(TelegramUpdates.Message(chat, 3, null, with: m => m["new_chat_title"] = "Renamed"));

        await Eventually.GetAsync(() => Task.FromResult(channel.Bot.CallsOf("getUpdates").Select(c => c.Long("offset")).ToList()), o => o.Contains(service + 1));

        Assert.Equal((0, 0), await App.StoredAsync(channel.Id));
        Assert.True(skipped < service);
    }

    [Fact]
    public async Task A_photo_and_a_document_are_downloaded_with_getFile_and_kept_as_attachments()
    {
        var channel = await Admin.CreateTelegramChannelAsync(shared.Api);
        var chat = TelegramUpdates.NewChatId();
        var big = Jpeg(900);
        channel.Bot.AddFile("ph-small", "photos/file_1.jpg", Jpeg(90));
        channel.Bot.AddFile("ph-big", "photos/file_2.jpg", big);
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n" + new string('x', 300));
        channel.Bot.AddFile("doc-1", "documents/file_3.pdf", pdf);
        channel.Bot.Queue(TelegramUpdates.Photo(chat, 1, "Esta es la mancha", ("ph-small", 90, 90), ("ph-big", 1280, 960)));
        channel.Bot.Queue(TelegramUpdates.Document(chat, 2, "doc-1", "factura 42.pdf", "application/pdf", pdf.Length));

        var thread = await App.ThreadOfChatAsync(Admin, chat);
        var messages = await Eventually.GetAsync(() => Admin.MessagesAsync(thread.Id), m => m.Count == 2);

        var photo = Assert.Single(messages[0].Attachments);
        Assert.Equal("Esta es la mancha", messages[0].Text);
        Assert.Equal(big.Length, photo.Size); // the largest size, not the thumbnail
        Assert.Equal("image/jpeg", photo.ContentType);
        var document = Assert.Single(messages[1].Attachments);
        Assert.Equal("factura 42.pdf", document.FileName);
        Assert.Equal("application/pdf", document.ContentType);
        Assert.Equal(pdf, await Admin.GetByteArrayAsync(Routes.Attachment(document.Id)));
    }

    [Fact]
    public async Task A_webhook_set_elsewhere_answers_409_and_the_listener_deletes_it_and_goes_on_polling()
    {
        var bot = shared.Api.NewBot();
        // Someone set a webhook for this bot, and it is set again right after our start-up deleteWebhook.
        bot.FailNext("getUpdates", new ScriptedFailure(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"));
        var channel = await Admin.CreateTelegramChannelAsync(shared.Api, bot);
        var chat = TelegramUpdates.NewChatId();
        bot.Queue(TelegramUpdates.Message(chat, 1, "¿Hay alguien?"));

        await Eventually.GetAsync(() => App.StoredAsync(channel.Id), s => s.Rows == 1);

        Assert.True(bot.CallsOf("deleteWebhook").Count >= 2, "the conflict was not answered with deleteWebhook");
    }

    [Fact]
    public async Task A_restart_resumes_from_the_committed_offset_so_nothing_is_lost_or_repeated()
    {
        var data = Path.Combine(Path.GetTempPath(), "inbox-tests", Guid.NewGuid().ToString("N"));
        var bot = shared.Api.NewBot();
        var chat = TelegramUpdates.NewChatId();
        TelegramChannel channel;
        int third;
        var first = new InboxAppFactory(data, TelegramInboxBase.Settings(webhookMode: false));
        await using (first)
        {
            channel = await (await first.AdminClientAsync()).CreateTelegramChannelAsync(shared.Api, bot);
            bot.Queue(TelegramUpdates.Message(chat, 1, "uno"));
            bot.Queue(TelegramUpdates.Message(chat, 2, "dos"));
            third = bot.Queue(TelegramUpdates.Message(chat, 3, "tres"));
            await Eventually.GetAsync(() => first.StoredAsync(channel.Id), s => s.Rows == 3);
        }

        // Written while no node was running.
        var pollsBefore = bot.CallsOf("getUpdates").Count;
        bot.Queue(TelegramUpdates.Message(chat, 4, "cuatro"));
        var fifth = bot.Queue(TelegramUpdates.Message(chat, 5, "cinco"));
        var second = new InboxAppFactory(data, TelegramInboxBase.Settings(webhookMode: false));
        try
        {
            _ = second.Services;
            await Eventually.GetAsync(() => second.StoredAsync(channel.Id), s => s.Rows >= 5);
            await Eventually.GetAsync(() => Task.FromResult(bot.CallsOf("getUpdates").Select(c => c.Long("offset")).ToList()), o => o.Contains(fifth + 1));

            // The restarted node asked first for the update after the last one it had stored: none was fetched twice.
            Assert.Equal(third + 1, bot.CallsOf("getUpdates")[pollsBefore].Long("offset"));
            Assert.Equal((5, 5), await second.StoredAsync(channel.Id));
            var thread = await second.ThreadOfChatAsync(await second.AdminClientAsync(), chat);
            Assert.Equal(["uno", "dos", "tres", "cuatro", "cinco"], (await (await second.AdminClientAsync()).MessagesAsync(thread.Id)).Select(m => m.Text));
        }
        finally
        {
            await second.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task The_test_button_shows_the_bot_name_and_link_from_getMe()
    {
        var channel = await Admin.CreateTelegramChannelAsync(shared.Api, shared.Api.NewBot("tienda_sol_bot", "Tienda Sol"));

        var result = await Admin.PostJsonAsync<Inbox.Connectors.Abstractions.ConnectionTestResult>(Routes.ChannelTest(channel.Id), new { });

        Assert.True(result.Ok, result.Message);
        Assert.Contains("Tienda Sol", result.Message);
        Assert.Contains("https://t.me/tienda_sol_bot", result.Message);
        Assert.DoesNotContain(channel.Bot.Token, result.Message);
    }

    [Fact]
    public async Task A_wrong_token_fails_the_test_button_without_echoing_the_token()
    {
        var created = await Admin.PostJsonAsync<ChannelCreatedDto>(Routes.Channels, new CreateChannelRequest(ChannelTypes.Telegram, "Wrong token",
            new() { ["apiBaseUrl"] = shared.Api.BaseUrl }, new() { ["botToken"] = "123456:not-a-bot-we-know" }));

        var result = await Admin.PostJsonAsync<Inbox.Connectors.Abstractions.ConnectionTestResult>(Routes.ChannelTest(created.Channel.Id), new { });

        Assert.False(result.Ok);
        Assert.Contains("refused the bot token", result.Message);
        Assert.DoesNotContain("not-a-bot-we-know", result.Message);
        await Admin.PatchAsJsonAsync(Routes.Channel(created.Channel.Id), new UpdateChannelRequest(null, false, null, null));
    }

    /// <summary>A JPEG signature followed by random bytes: sniffed as a JPEG, unique per call.</summary>
    private static byte[] Jpeg(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        bytes[0] = 0xFF; bytes[1] = 0xD8; bytes[2] = 0xFF; bytes[3] = 0xE0;
        return bytes;
    }
}
