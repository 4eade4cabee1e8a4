using System.Collections.Concurrent;
using Inbox.Contracts;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace Inbox.E2E;

/// <summary>The website chat widget in Debian's Chromium, embedded by one script tag in a shop's page on another origin.</summary>
public sealed class WidgetTests : BrowserTest
{
    private const string Launcher = "inbox-widget .launcher";
    private const string Panel = "inbox-widget .panel";
    private const string Input = "inbox-widget .compose textarea";

    [Fact]
    public async Task A_visitor_writes_an_agent_answers_in_the_console_the_visitor_sees_it_live_and_a_reload_keeps_the_history()
    {
        await using var shop = new ShopSite();
        var api = new WidgetApi(Server.BaseAddress);
        var (channelId, key, _) = await api.CreateWebChatAsync(shop.Origin);
        shop.Page("/", Server.BaseAddress, key);

        var visitor = await OpenWidgetAsync(shop, "en-US");
        await Assertions.Expect(visitor.Locator(Panel)).ToBeVisibleAsync();
        await Assertions.Expect(visitor.Locator("inbox-widget .greeting")).ToHaveTextAsync("Hi! How can we help?");
        await visitor.Locator(Input).FillAsync("Do you have the green sofa?");
        await visitor.Locator(Input).PressAsync("Enter");
        await Assertions.Expect(visitor.Locator("inbox-widget .msg.visitor")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("green sofa"));

        // The agent answers in the console.
        var conversation = await api.ConversationOnChannelAsync(channelId);
        var agent = await NewPageAsync("en-US");
        await SignInAsync(agent);
        await agent.Locator($"[data-conversation-id='{conversation.Id}']").ClickAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(agent.Locator(".message-row").Filter(new() { HasText = "green sofa" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await agent.Locator(".composer-text textarea").First.FillAsync("Yes, two in the city centre shop.");
        await agent.Locator(".composer-send").ClickAsync();

        // Live in the widget, with no reload.
        await Assertions.Expect(visitor.Locator("inbox-widget .msg.agent .text")).ToHaveTextAsync("Yes, two in the city centre shop.", new() { Timeout = 15_000 });
        await visitor.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("widget-conversation") });

        await visitor.ReloadAsync();
        await visitor.Locator(Launcher).ClickAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(visitor.Locator("inbox-widget .msg")).ToHaveCountAsync(2, new() { Timeout = 15_000 });
        await Assertions.Expect(visitor.Locator("inbox-widget .msg.agent .text")).ToHaveTextAsync("Yes, two in the city centre shop.");
    }

    [Fact]
    public async Task A_visitor_attaches_a_picture_the_agent_sees_it_in_the_console_and_the_visitor_downloads_the_agents_file()
    {
        await using var shop = new ShopSite();
        var api = new WidgetApi(Server.BaseAddress);
        var (channelId, key, _) = await api.CreateWebChatAsync(shop.Origin);
        shop.Page("/", Server.BaseAddress, key);

        var visitor = await OpenWidgetAsync(shop, "en-US");
        await visitor.Locator(Input).FillAsync("Hi! A question about a sofa.");
        await visitor.Locator(Input).PressAsync("Enter");

        // The agent has the conversation open while the visitor attaches.
        var conversation = await api.ConversationOnChannelAsync(channelId);
        var agent = await NewPageAsync("en-US");
        await SignInAsync(agent);
        await agent.Locator($"[data-conversation-id='{conversation.Id}']").ClickAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(agent.Locator(".message-row").Filter(new() { HasText = "question about a sofa" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var picker = visitor.Locator("inbox-widget .compose input[type=file]");

        // A page that says it is a picture is refused, and the widget says why.
        await picker.SetInputFilesAsync(new FilePayload { Name = "sofa.png", MimeType = "image/png", Buffer = "<html><script>alert(1)</script></html>"u8.ToArray() });
        await Assertions.Expect(visitor.Locator("inbox-widget .error")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("can't be sent"), new() { Timeout = 15_000 });
        await Assertions.Expect(visitor.Locator("inbox-widget .chip")).ToHaveCountAsync(0);

        // The paperclip is a button a keyboard reaches, named for screen readers.
        await Assertions.Expect(visitor.Locator("inbox-widget .attach")).ToHaveAttributeAsync("aria-label", "Attach a file");
        await picker.SetInputFilesAsync(new FilePayload { Name = "sofa.png", MimeType = "image/png", Buffer = Pixel });
        await Assertions.Expect(visitor.Locator("inbox-widget .chip")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^sofa.png \\(\\d+ B\\)"), new() { Timeout = 15_000 });
        await visitor.Locator(Input).FillAsync("Is this one in stock?");
        await visitor.Locator(Input).PressAsync("Enter");
        var thumbnail = visitor.Locator("inbox-widget .msg.visitor img.thumb");
        await Assertions.Expect(thumbnail).ToHaveAttributeAsync("alt", "sofa.png", new() { Timeout = 15_000 });
        await Assertions.Expect(thumbnail).ToHaveJSPropertyAsync("naturalWidth", 1, new() { Timeout = 15_000 });
        await Assertions.Expect(visitor.Locator("inbox-widget .chip")).ToHaveCountAsync(0);

        // The agent sees the picture arrive with the message, live, and answers with a file.
        var seen = agent.Locator(".message-row").Filter(new() { HasText = "in stock" }).Locator(".message-attachment.image img");
        await Assertions.Expect(seen).ToHaveAttributeAsync("alt", "sofa.png", new() { Timeout = 15_000 });
        await Assertions.Expect(seen).ToHaveJSPropertyAsync("naturalWidth", 1, new() { Timeout = 15_000 });
        var catalogue = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n% catálogo de sofás\n" + new string('s', 4000));
        await agent.Locator(".composer-attach-input").SetInputFilesAsync(new FilePayload { Name = "catalogue.pdf", MimeType = "application/pdf", Buffer = catalogue });
        await Assertions.Expect(agent.Locator(".composer-file-chip")).ToContainTextAsync("catalogue.pdf", new() { Timeout = 15_000 });
        await agent.Locator(".composer-text textarea").First.FillAsync("Yes! Here is the catalogue.");
        await agent.Locator(".composer-send").ClickAsync();

        // Live in the widget: a download link with the file's name and size, which downloads the agent's bytes.
        var link = visitor.Locator("inbox-widget .msg.agent a.file");
        await Assertions.Expect(link).ToHaveTextAsync("catalogue.pdf (4 KB)", new() { Timeout = 15_000 });
        await Assertions.Expect(visitor.Locator("inbox-widget .msg.agent .text")).ToHaveTextAsync("Yes! Here is the catalogue.");
        await visitor.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("widget-files") });
        var download = await visitor.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal("catalogue.pdf", download.SuggestedFilename);
        Assert.Equal(catalogue, await File.ReadAllBytesAsync((await download.PathAsync())!));
    }

    /// <summary>A 1×1 PNG that a browser decodes.</summary>
    private static readonly byte[] Pixel = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_site_that_asks_first_gets_the_visitors_name_before_the_chat_and_the_agent_sees_it()
    {
        await using var shop = new ShopSite();
        var api = new WidgetApi(Server.BaseAddress);
        var (channelId, key, _) = await api.CreateWebChatAsync(shop.Origin, preChat: true);
        shop.Page("/", Server.BaseAddress, key);

        var visitor = await OpenWidgetAsync(shop, "es-ES");
        var prechat = visitor.Locator("inbox-widget .prechat");
        await Assertions.Expect(prechat).ToContainTextAsync("¿cómo te llamas?");
        await Assertions.Expect(visitor.Locator("inbox-widget .compose")).ToBeHiddenAsync();
        await prechat.Locator("button").ClickAsync();
        await Assertions.Expect(visitor.Locator("inbox-widget .compose")).ToBeHiddenAsync(); // no name, no chat

        await prechat.Locator("input[type=text]").FillAsync("Lucía Prechat");
        await prechat.Locator("input[type=email]").FillAsync("lucia.prechat@example.com");
        await prechat.Locator("button").ClickAsync();
        await Assertions.Expect(visitor.Locator(Input)).ToBeFocusedAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(prechat).ToBeHiddenAsync();
        await visitor.Locator(Input).FillAsync("¿Tenéis el sofá en verde?");
        await visitor.Locator(Input).PressAsync("Enter");

        var conversation = await api.ConversationOnChannelAsync(channelId);
        Assert.Equal("Lucía Prechat", conversation.Contact.Name);
        await visitor.ReloadAsync();
        await visitor.Locator(Launcher).ClickAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(visitor.Locator("inbox-widget .msg.visitor")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Assertions.Expect(prechat).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_site_that_is_not_an_allowed_origin_gets_no_widget()
    {
        await using var shop = new ShopSite();
        var api = new WidgetApi(Server.BaseAddress);
        var (_, key, _) = await api.CreateWebChatAsync("https://another-shop.example");
        shop.Page("/", Server.BaseAddress, key);

        var visitor = await NewPageAsync("en-US");
        var refused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        visitor.RequestFailed += (_, r) => { if (r.Url.Contains("/sessions")) refused.TrySetResult(); };
        await visitor.GotoAsync(shop.Url("/"));
        await refused.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, await visitor.Locator(Launcher).CountAsync());
    }

    [Fact]
    public async Task A_hostile_host_page_does_not_break_the_widget_and_the_widget_does_not_touch_the_page()
    {
        await using var shop = new ShopSite();
        var api = new WidgetApi(Server.BaseAddress);
        var (channelId, key, _) = await api.CreateWebChatAsync(shop.Origin);
        shop.Page("/", Server.BaseAddress, key, head: """
            <style>* { all: initial !important; } body, body * { display: none !important; }</style>
            <script>
              Array.prototype.map = function () { throw new Error("hostile map"); };
              Array.prototype.forEach = function () { throw new Error("hostile forEach"); };
              Array.prototype.filter = function () { return []; };
              Array.prototype.indexOf = function () { return -1; };
              Array.prototype.toJSON = function () { return "hostile"; };
              window.JSON = { parse: function () { throw new Error("hostile JSON"); }, stringify: function () { return "{}"; } };
            </script>
            """);

        var visitor = await NewPageAsync("es-ES");
        await visitor.GotoAsync(shop.Url("/"));
        await Assertions.Expect(visitor.Locator(Launcher)).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await visitor.Locator(Launcher).ClickAsync();
        await Assertions.Expect(visitor.Locator(Panel)).ToBeVisibleAsync();
        // Spanish browser, Spanish widget.
        await Assertions.Expect(visitor.Locator("inbox-widget .send")).ToHaveTextAsync("Enviar");
        await visitor.Locator(Input).FillAsync("¿Hacéis envíos a Cádiz?");
        await visitor.Locator("inbox-widget .send").ClickAsync();
        await Assertions.Expect(visitor.Locator("inbox-widget .msg.visitor .text")).ToHaveTextAsync("¿Hacéis envíos a Cádiz?", new() { Timeout = 15_000 });

        var conversation = await api.ConversationOnChannelAsync(channelId);
        await api.ReplyAsync(conversation.Id, "Sí, en 48 horas.");
        await Assertions.Expect(visitor.Locator("inbox-widget .msg.agent .text")).ToHaveTextAsync("Sí, en 48 horas.", new() { Timeout = 15_000 });
        await visitor.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("widget-hostile-page-es") });

        // The page's own (broken) globals are as it left them, and its body stays hidden as its CSS says.
        Assert.True(await visitor.EvaluateAsync<bool>("() => typeof Array.prototype.toJSON === 'function' && JSON.stringify([1]) === '{}'"));
        await Assertions.Expect(visitor.Locator("h1")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task SetUser_shows_the_known_customers_history_without_a_reload_agents_see_pages_and_drafts_live_and_a_proactive_message_opens_the_widget()
    {
        await using var shop = new ShopSite();
        var api = new WidgetApi(Server.BaseAddress);
        var (channelId, key, secret) = await api.CreateWebChatAsync(shop.Origin, sneakPeek: true);
        shop.Page("/", Server.BaseAddress, key);
        await api.KnownCustomerWritesAsync(key, shop.Origin, secret, "user-42", "Where is my order 1234?");

        // An agent's live connection, as the console has it.
        await using var agent = new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, Routes.AgentHub), o => o.AccessTokenProvider = async () => await api.AdminTokenAsync())
            .Build();
        var drafts = new ConcurrentQueue<VisitorDraftDto>();
        var visitors = new ConcurrentQueue<LiveVisitorDto>();
        agent.On<VisitorDraftDto>(nameof(IAgentVisitorClient.VisitorDraft), drafts.Enqueue);
        agent.On<LiveVisitorDto>(nameof(IAgentVisitorClient.VisitorUpdated), visitors.Enqueue);
        await agent.StartAsync();
        await agent.InvokeAsync<long>(nameof(IAgentHub.GetLatestEventId));

        var visitor = await OpenWidgetAsync(shop, "en-US");
        await Assertions.Expect(visitor.Locator("inbox-widget .privacy")).ToContainTextAsync("see what you type");
        Assert.Equal(0, await visitor.Locator("inbox-widget .msg").CountAsync());

        // The shop signs its user in: the thread of user-42 appears, with no reload.
        await visitor.EvaluateAsync($"() => Inbox.setUser({{ id: 'user-42', name: 'Marta', hash: '{WidgetApi.Sign(secret, "user-42")}' }})");
        await Assertions.Expect(visitor.Locator("inbox-widget .msg.visitor .text")).ToHaveTextAsync("Where is my order 1234?", new() { Timeout = 15_000 });

        // The visitor moves to another page of the shop (a single-page app) and starts typing.
        await visitor.EvaluateAsync("() => history.pushState({}, '', '/checkout')");
        await Until(() => visitors.Any(v => v.ChannelId == channelId && v.CurrentPage?.Url == shop.Url("/checkout")));
        var live = visitors.Last(v => v.ChannelId == channelId);
        Assert.Equal([shop.Url("/"), shop.Url("/checkout")], live.Pages.Select(p => p.Url));
        Assert.True(live.Verified);

        await visitor.Locator(Input).PressSequentiallyAsync("I want to ret");
        await Until(() => drafts.Any(d => d.VisitorId == live.VisitorId && d.Text == "I want to ret"));

        // The widget is closed; an agent starts the chat and it opens with the agent's message.
        await visitor.Locator("inbox-widget .close").ClickAsync();
        await Assertions.Expect(visitor.Locator(Panel)).ToBeHiddenAsync();
        await api.InviteAsync(live.VisitorId, "Can I help you with checkout?");
        await Assertions.Expect(visitor.Locator(Panel)).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(visitor.Locator("inbox-widget .msg.agent .text").Last).ToHaveTextAsync("Can I help you with checkout?");
    }

    [Fact]
    public async Task In_the_console_an_agent_watches_a_visitor_move_between_pages_reads_the_sneak_peek_and_starts_the_chat()
    {
        await using var shop = new ShopSite();
        var api = new WidgetApi(Server.BaseAddress);
        var (_, key, _) = await api.CreateWebChatAsync(shop.Origin, sneakPeek: true);
        shop.Page("/sofas", Server.BaseAddress, key);

        var agent = await NewPageAsync("es-ES");
        await SignInAsync(agent);
        await agent.Locator(".nav-visitors").ClickAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(agent.Locator(".visitors-none")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        var visitor = await NewPageAsync("en-US");
        await visitor.GotoAsync(shop.Url("/sofas") + "?utm=1");
        var row = agent.Locator(".visitor-row");
        await Assertions.Expect(row.Locator(".visitor-page")).ToContainTextAsync("Shop: /sofas", new() { Timeout = 30_000 });
        await Assertions.Expect(row.Locator(".visitor-kind")).ToHaveTextAsync("Nuevo");

        await visitor.EvaluateAsync("() => { document.title = 'Green sofa'; history.pushState({}, '', '/sofas/green'); }");
        await Assertions.Expect(row.Locator(".visitor-page")).ToContainTextAsync("Green sofa", new() { Timeout = 15_000 });
        await Assertions.Expect(row.Locator(".visitor-url")).ToHaveTextAsync(shop.Url("/sofas/green"));

        await visitor.Locator(Launcher).ClickAsync();
        await visitor.Locator(Input).PressSequentiallyAsync("Is it available in");
        await Assertions.Expect(row.Locator(".visitor-draft")).ToContainTextAsync("Is it available in", new() { Timeout = 15_000 });
        await agent.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("console-live-visitors-es") });

        await visitor.Locator("inbox-widget .close").ClickAsync();
        await row.Locator(".visitor-start-chat").ClickAsync();
        await row.Locator(".visitor-invitation input").FillAsync("¡Hola! Sí, lo tenemos en verde.");
        await row.Locator(".visitor-invite-send").ClickAsync();
        await Assertions.Expect(visitor.Locator(Panel)).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(visitor.Locator("inbox-widget .msg.agent .text")).ToHaveTextAsync("¡Hola! Sí, lo tenemos en verde.");
        // The agent lands in the new thread, the message on the web chat channel.
        await Assertions.Expect(agent.Locator(".message-row").Filter(new() { HasText = "lo tenemos en verde" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("Condition not met in 15 s");
            await Task.Delay(100);
        }
    }

    /// <summary>A visitor on the shop's home page with the widget opened.</summary>
    private async Task<IPage> OpenWidgetAsync(ShopSite shop, string locale)
    {
        var visitor = await NewPageAsync(locale);
        await visitor.GotoAsync(shop.Url("/"));
        await visitor.Locator(Launcher).ClickAsync(new() { Timeout = 30_000 });
        return visitor;
    }
}
