using System.Globalization;
using System.Text.RegularExpressions;
using Inbox.Contracts;
using Inbox.Tests.Email;
using Inbox.Tests.Telegram;
using Microsoft.Playwright;
using MimeKit;

namespace Inbox.E2E;

/// <summary>
/// One customer, any channel, in Debian's Chromium: a visitor chats in the widget, continues on Telegram (the loopback Bot
/// API delivers /start {code} from a new Telegram user), the agent sees the Telegram message in the same thread in the
/// console and answers on Telegram; then the customer sends the wa.me code from a phone and the agent answers on WhatsApp.
/// A code sent again from someone else links nothing. By email: the visitor asks for replies by email, opens the mailed
/// link and confirms; after they leave the agent's reply reaches their mailbox, their emailed answer lands in the thread,
/// and back on the site the widget shows it all; the link opened again links nothing.
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

    [Fact]
    public async Task A_visitor_confirms_replies_by_email_and_the_conversation_goes_on_by_mail_after_they_leave()
    {
        var mail = new MailServers();
        await mail.InitializeAsync();
        try
        {
            await using var server = await ServerProcess.StartAsync(publicAtItsAddress: true);
            await using var shop = new ShopSite();
            var widget = new WidgetApi(server.BaseAddress);
            var (webChatId, key, _) = await widget.CreateWebChatAsync(shop.Origin);
            var api = new HandoffApi(server.BaseAddress);
            await api.SignInAsync();
            var support = mail.AddUser($"support-{Guid.NewGuid().ToString("N")[..6]}@shop.test");
            var customer = mail.AddUser($"lucia-{Guid.NewGuid().ToString("N")[..6]}@customer.test");
            var port = (int n) => n.ToString(CultureInfo.InvariantCulture);
            await api.CreateChannelAsync(ChannelTypes.Email, "Soporte", new()
            {
                ["imapHost"] = "127.0.0.1", ["imapPort"] = port(mail.ImapPort), ["imapSecurity"] = "none",
                ["smtpHost"] = "127.0.0.1", ["smtpPort"] = port(mail.SmtpPort), ["smtpSecurity"] = "none",
                ["username"] = support, ["fromAddress"] = support, ["fromName"] = "Casa Olmo",
            }, new() { ["password"] = MailServers.Password });
            shop.Page("/", server.BaseAddress, key);

            // The visitor chats, then asks for replies by email and gives an address.
            var visitor = await NewPageAsync("es-ES");
            await visitor.GotoAsync(shop.Url("/"));
            await visitor.Locator(Launcher).ClickAsync(new() { Timeout = 30_000 });
            await visitor.Locator(Input).FillAsync("¿Me avisáis cuando llegue el sofá verde?");
            await visitor.Locator(Input).PressAsync("Enter");
            await Assertions.Expect(visitor.Locator("inbox-widget .msg.visitor")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
            await visitor.Locator("inbox-widget .handoff[data-channel-type='email']").ClickAsync();
            var form = visitor.Locator("inbox-widget .offer[data-channel-type='email']");
            await form.Locator("input").FillAsync(customer);
            await form.Locator("input").PressAsync("Enter");
            await Assertions.Expect(form.Locator(".note")).ToContainTextAsync($"Revisa {customer}", new() { Timeout = 15_000 });
            var conversationId = (await HandoffApi.EventuallyAsync(() => api.ConversationsOnAsync(webChatId), p => p.Items.Count == 1)).Items[0].Id;

            // The mail carries a link to this server (its public URL); the customer opens it and confirms.
            var verification = (await HandoffApi.EventuallyAsync(() => mail.ReadInboxAsync(customer), i => i.Count == 1))[0].Message;
            var link = Regex.Match(verification.TextBody ?? "", @"http://\S+/continue-by-email#token=\S+").Value;
            Assert.StartsWith($"{server.BaseAddress.ToString().TrimEnd('/')}/continue-by-email#token=", link);
            var inbox = await NewPageAsync("es-ES");
            await inbox.GotoAsync(link);
            await inbox.Locator("#confirm").ClickAsync();
            await Assertions.Expect(inbox.Locator(".result")).ToContainTextAsync($"llegarán también a {customer}");

            // The agent sees why the address is the customer's.
            var agent = await NewPageAsync("en-US");
            await SignInAsync(agent, server: server);
            await agent.Locator($"[data-conversation-id='{conversationId}']").ClickAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(agent.Locator(".identity-link[data-reason='verifiedEmail']")).ToContainTextAsync("email verified by a mailed link",
                new() { Timeout = 15_000 });
            await agent.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("handoff-email-contact") });

            // The visitor leaves the site; the agent's reply goes to their mailbox as well.
            await visitor.GotoAsync("about:blank");
            await HandoffApi.EventuallyAsync(widget.LiveVisitorsAsync, v => v.Count == 0);
            await agent.Locator(".composer-text textarea").First.FillAsync("Llega el jueves: te lo reservamos.");
            await agent.Locator(".composer-send").ClickAsync();
            var replies = await HandoffApi.EventuallyAsync(() => mail.ReadInboxAsync(customer), i => i.Count == 2);
            var reply = replies[1].Message;
            Assert.Contains("Llega el jueves: te lo reservamos.", reply.TextBody);

            // Their answer by email threads back into the same conversation, live in the console.
            var answer = new MimeMessage();
            answer.From.Add(MailboxAddress.Parse(customer));
            answer.To.Add(MailboxAddress.Parse(support));
            answer.Subject = "Re: " + reply.Subject;
            answer.MessageId = $"{Guid.NewGuid():N}@customer.test";
            answer.InReplyTo = reply.MessageId;
            answer.References.Add(reply.MessageId!);
            answer.Body = new TextPart("plain") { Text = "¡Perfecto, gracias!" };
            await mail.AppendAsync(support, answer);
            await Assertions.Expect(agent.Locator(".message-row").Filter(new() { HasText = "¡Perfecto, gracias!" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
            Assert.Equal(conversationId, (await api.ConversationsOnAsync(webChatId)).Items.Single().Id);

            // Back on the site, the widget shows the whole exchange.
            await visitor.GotoAsync(shop.Url("/"));
            await visitor.Locator(Launcher).ClickAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(visitor.Locator("inbox-widget .msg.visitor").Last).ToContainTextAsync("¡Perfecto, gracias!", new() { Timeout = 15_000 });
            await Assertions.Expect(visitor.Locator("inbox-widget .msg.agent")).ToContainTextAsync("Llega el jueves");
            await Assertions.Expect(visitor.Locator("inbox-widget .handoffs .note")).ToContainTextAsync(customer);

            // The link opened again links nothing and says so.
            var again = await NewPageAsync("es-ES");
            await again.GotoAsync(link);
            await again.Locator("#confirm").ClickAsync();
            await Assertions.Expect(again.Locator(".result")).ToContainTextAsync("ya se usó");
        }
        finally
        {
            await mail.DisposeAsync();
        }
    }
}
