using System.Globalization;
using Inbox.Contracts;
using Inbox.Tests.Telegram;
using Microsoft.Playwright;

namespace Inbox.E2E;

/// <summary>
/// One customer, any channel, in Debian's Chromium: a visitor chats in the widget, continues on Telegram (the loopback Bot
/// API delivers /start {code} from a new Telegram user), the agent sees the Telegram message in the same thread in the
/// console and answers on Telegram; then the customer sends the wa.me code from a phone and the agent answers on WhatsApp.
/// A code sent again from someone else links nothing.
/// </summary>
public sealed class HandoffTests : BrowserTest
{
    private const string Launcher = "inbox-widget .launcher";
    private const string Input = "inbox-widget .compose textarea";

    [Fact]
    public async Task A_visitor_continues_on_telegram_and_whatsapp_and_the_agent_answers_each_in_the_one_thread()
    {
        await using var bots = await LoopbackBotApi.StartAsync();
        var bot = bots.NewBot();
        await using var shop = new ShopSite();
        var widget = new WidgetApi(Server.BaseAddress);
        var (webChatId, key, _) = await widget.CreateWebChatAsync(shop.Origin);
        var api = new HandoffApi(Server.BaseAddress);
        await api.SignInAsync();
        var telegramId = await api.CreateChannelAsync(ChannelTypes.Telegram, "Shop bot", new() { ["apiBaseUrl"] = bots.BaseUrl }, new() { ["botToken"] = bot.Token });
        const string authToken = "e2e-auth-token-0123456789abcdef";
        const string accountSid = "AC0123456789abcdef0123456789abcdef";
        var whatsAppId = await api.CreateChannelAsync(ChannelTypes.WhatsApp, "WhatsApp",
            new() { ["accountSid"] = accountSid, ["from"] = "+34910000002" }, new() { ["authToken"] = authToken });
        shop.Page("/", Server.BaseAddress, key);

        // The visitor chats in the widget, then asks to continue on Telegram.
        var visitor = await NewPageAsync("en-US");
        await visitor.GotoAsync(shop.Url("/"));
        await visitor.Locator(Launcher).ClickAsync(new() { Timeout = 30_000 });
        await visitor.Locator(Input).FillAsync("Is the blue jacket in stock?");
        await visitor.Locator(Input).PressAsync("Enter");
        await Assertions.Expect(visitor.Locator("inbox-widget .msg.visitor")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await visitor.Locator("inbox-widget .handoff[data-channel-type='telegram']").ClickAsync();
        var telegramLink = visitor.Locator("inbox-widget .offer[data-channel-type='telegram'] a.open");
        await Assertions.Expect(telegramLink).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"^https://t\\.me/{bot.Username}\\?start=IN-[0-9A-Z]{{10}}$"));
        var code = await visitor.Locator("inbox-widget .offer[data-channel-type='telegram'] .code").TextContentAsync();
        Assert.Equal($"https://t.me/{bot.Username}?start={code}", await telegramLink.GetAttributeAsync("href"));
        var conversationId = (await HandoffApi.EventuallyAsync(() => api.ConversationsOnAsync(webChatId), p => p.Items.Count == 1)).Items[0].Id;

        // A new Telegram user opens the link: Telegram sends "/start {code}", then their next message.
        var chat = TelegramUpdates.NewChatId();
        bot.Queue(TelegramUpdates.Message(chat, 1, $"/start {code}"));
        await HandoffApi.EventuallyAsync(() => api.MessagesAsync(conversationId), m => m.Any(x => x.Text == $"/start {code}"));
        bot.Queue(TelegramUpdates.Message(chat, 2, "Writing from Telegram now"));

        var agent = await NewPageAsync("en-US");
        await SignInAsync(agent);
        await agent.Locator($"[data-conversation-id='{conversationId}']").ClickAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(agent.Locator(".message-row").Filter(new() { HasText = "Writing from Telegram now" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(agent.Locator(".message-row").Filter(new() { HasText = "blue jacket" })).ToBeVisibleAsync();

        // The composer defaults to Telegram, where the customer last wrote; the reply reaches the Telegram user.
        await agent.Locator(".composer-text textarea").First.FillAsync("Yes, size M and L.");
        await agent.Locator(".composer-send").ClickAsync();
        await HandoffApi.EventuallyAsync(() => Task.FromResult(bot.Sent), s => s.Any(c => c.Text("text") == "Yes, size M and L." && c.Long("chat_id") == chat));

        // Someone else who got the link later: the used code links nothing.
        var stranger = TelegramUpdates.NewChatId();
        bot.Queue(TelegramUpdates.Message(stranger, 1, $"/start {code}"));
        var strangers = await HandoffApi.EventuallyAsync(() => api.ConversationsOnAsync(telegramId), p => p.Items.Any(c => c.Id != conversationId));
        Assert.Equal(4, (await api.MessagesAsync(conversationId)).Count);
        Assert.Single(strangers.Items, c => c.Id != conversationId);

        // The customer continues on WhatsApp: the wa.me link's prefilled text, sent from a phone.
        await visitor.Locator("inbox-widget .handoff[data-channel-type='whatsapp']").ClickAsync();
        var waHref = await visitor.Locator("inbox-widget .offer[data-channel-type='whatsapp'] a.open").GetAttributeAsync("href", new() { Timeout = 15_000 });
        Assert.StartsWith("https://wa.me/34910000002?text=", waHref);
        var wa = waHref ?? "";
        var prefilled = Uri.UnescapeDataString(wa[(wa.IndexOf("text=", StringComparison.Ordinal) + 5)..]);
        var phone = "+346" + Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        await api.WhatsAppArrivesAsync(await api.WebhookUrlAsync(whatsAppId), accountSid, authToken, phone, prefilled);
        await api.WhatsAppArrivesAsync(await api.WebhookUrlAsync(whatsAppId), accountSid, authToken, phone, "And on WhatsApp too");
        await Assertions.Expect(agent.Locator(".message-row").Filter(new() { HasText = "And on WhatsApp too" })).ToBeVisibleAsync(new() { Timeout = 15_000 });

        // The agent answers on WhatsApp: the composer now defaults to the phone the customer last wrote from.
        await agent.Locator(".composer-text textarea").First.FillAsync("Reserved for you.");
        await agent.Locator(".composer-send").ClickAsync();
        var reply = await HandoffApi.EventuallyAsync(() => api.MessagesAsync(conversationId), m => m.Any(x => x.Text == "Reserved for you."));
        var onWhatsApp = reply.Single(x => x.Text == "Reserved for you.");
        Assert.Equal(whatsAppId, onWhatsApp.ChannelId);
        Assert.Equal(phone, onWhatsApp.IdentityAddress);
        await agent.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("handoff-thread") });
    }
}
