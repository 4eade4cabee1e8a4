using Inbox.Contracts;
using Inbox.Tests.Telegram;
using Microsoft.Playwright;

namespace Inbox.E2E;

/// <summary>An agent attaches a photo to a reply in Debian's Chromium: it is uploaded, shown as a chip, and the customer
/// gets it on Telegram (the loopback Bot API records the sendPhoto with its bytes).</summary>
public sealed class ComposerFilesTests : BrowserTest
{
    [Fact]
    public async Task A_photo_attached_in_the_composer_reaches_the_customer_on_telegram()
    {
        await using var bots = await LoopbackBotApi.StartAsync();
        var bot = bots.NewBot();
        var api = new HandoffApi(Server.BaseAddress);
        await api.SignInAsync();
        var telegramId = await api.CreateChannelAsync(ChannelTypes.Telegram, "Shop bot", new() { ["apiBaseUrl"] = bots.BaseUrl }, new() { ["botToken"] = bot.Token });
        var chat = TelegramUpdates.NewChatId();
        bot.Queue(TelegramUpdates.Message(chat, 1, "¿Me mandáis una foto del sofá verde?"));
        var conversationId = (await HandoffApi.EventuallyAsync(() => api.ConversationsOnAsync(telegramId), p => p.Items.Count == 1)).Items[0].Id;

        var page = await NewPageAsync("es-ES");
        await SignInAsync(page);
        await page.Locator($"[data-conversation-id='{conversationId}']").ClickAsync(new() { Timeout = 30_000 });
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01];
        await page.Locator(".composer-attach-input").SetInputFilesAsync(new FilePayload { Name = "sofa-verde.jpg", MimeType = "image/jpeg", Buffer = jpeg });
        await Assertions.Expect(page.Locator(".composer-file-chip")).ToContainTextAsync("sofa-verde.jpg", new() { Timeout = 15_000 });
        await page.Locator(".composer-text textarea").First.FillAsync("Aquí la tienes");
        await page.Locator(".composer-send").ClickAsync();

        var sent = await HandoffApi.EventuallyAsync(() => Task.FromResult(bot.Sent), s => s.Any(c => c.Method == "sendPhoto"));
        var photo = sent.First(c => c.Method == "sendPhoto");
        Assert.Equal(chat, photo.Long("chat_id"));
        Assert.Equal("sofa-verde.jpg", photo.Files["photo"].Name);
        Assert.Equal(jpeg, photo.Files["photo"].Bytes);
        await Assertions.Expect(page.Locator(".composer-file-chip")).ToHaveCountAsync(0);
    }
}
