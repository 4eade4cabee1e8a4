using Inbox.Contracts;
using Microsoft.Playwright;

namespace Inbox.E2E;

/// <summary>A support agent in the browser: signs in, sees a customer's message arrive live, answers it.</summary>
public sealed class AgentConsoleTests : BrowserTest
{
    [Fact]
    public async Task An_agent_signs_in_receives_a_message_live_and_replies()
    {
        var api = new InboxApi(Server.BaseAddress);
        var (channelId, token) = await api.CreateApiChannelAsync();
        var page = await NewPageAsync("en-US");

        await SignInAsync(page);
        await Assertions.Expect(page.Locator(".conversation-list, [role=list]").First).ToBeVisibleAsync(new() { Timeout = 30_000 });

        var first = await api.CustomerWritesAsync(channelId, token, "m-1", "+34 600 111 222", "Ana García", "¿Tenéis el sofá verde en la tienda del centro?");
        var row = page.Locator($"[data-conversation-id='{first.ConversationId}']");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(row).ToContainTextAsync("Ana García");
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"^\(1\) "), new() { Timeout = 15_000 });

        await row.ClickAsync();
        await Assertions.Expect(page.Locator($"[data-message-id='{first.MessageId}']")).ToContainTextAsync("sofá verde");

        await page.Locator(".composer-text textarea").First.FillAsync("Sí, tenemos dos en el centro. ¿Te reservo uno?");
        await page.Locator(".composer-send").ClickAsync();
        await Assertions.Expect(page.Locator(".message-row").Filter(new() { HasText = "¿Te reservo uno?" })).ToBeVisibleAsync(new() { Timeout = 15_000 });

        // The customer writes again while the thread is open: it appears without a reload.
        var second = await api.CustomerWritesAsync(channelId, token, "m-2", "+34600111222", "Ana García", "¡Sí, por favor!");
        await Assertions.Expect(page.Locator($"[data-message-id='{second.MessageId}']")).ToContainTextAsync("por favor");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("console-thread"), FullPage = true });
    }

    [Fact]
    public async Task Customer_text_that_looks_like_html_is_shown_as_text()
    {
        var api = new InboxApi(Server.BaseAddress);
        var (channelId, token) = await api.CreateApiChannelAsync();
        var hostile = "<img src=x onerror=\"document.title='pwned'\"><b>bold?</b>";
        var accepted = await api.CustomerWritesAsync(channelId, token, "x-1", "+34600333444", "Mallory", hostile);
        var page = await NewPageAsync("en-US");

        await SignInAsync(page);
        await page.Locator($"[data-conversation-id='{accepted.ConversationId}']").ClickAsync(new() { Timeout = 30_000 });

        var text = page.Locator($"[data-message-id='{accepted.MessageId}'] .message-text");
        await Assertions.Expect(text).ToHaveTextAsync(hostile);
        Assert.Equal(0, await text.Locator("img, b").CountAsync());
        Assert.NotEqual("pwned", await page.TitleAsync());
    }

    [Fact]
    public async Task A_spanish_speaking_agent_gets_the_console_in_spanish()
    {
        var page = await NewPageAsync("es-ES");

        await GoToAsync(page, "/login");

        await Assertions.Expect(page.Locator(".login-submit")).ToContainTextAsync("Entrar", new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("login-es") });
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        var page = await NewPageAsync("en-US");
        await GoToAsync(page, "/login");

        await page.Locator(".login-email input").FillAsync(ServerProcess.AdminEmail, new() { Timeout = 30_000 });
        await page.Locator(".login-password input").FillAsync("not-the-password");
        await page.Locator(".login-submit").ClickAsync();

        await Assertions.Expect(page.Locator(".login-error")).ToBeVisibleAsync();
        Assert.EndsWith("/login", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task A_canned_response_fills_the_composer()
    {
        var api = new InboxApi(Server.BaseAddress);
        var (channelId, token) = await api.CreateApiChannelAsync();
        await api.AdminPostAsync<CannedResponseDto>(Routes.CannedResponses,
            new SaveCannedResponseRequest("hola", "Saludo", "Hi {{contact.first_name}}, how can I help?", "Hola {{contact.first_name}}, ¿en qué te ayudo?", Shared: true));
        var accepted = await api.CustomerWritesAsync(channelId, token, "c-1", "+34600555111", "Ana García", "Buenas");
        var page = await NewPageAsync("es-ES");

        await SignInAsync(page);
        await page.Locator($"[data-conversation-id='{accepted.ConversationId}']").ClickAsync(new() { Timeout = 30_000 });
        var composer = page.Locator(".composer-text textarea").First;
        await composer.FillAsync("/ho");
        await page.Locator(".canned-option[data-shortcut='hola'] .canned-pick").ClickAsync(new() { Timeout = 15_000 });

        await Assertions.Expect(composer).ToHaveValueAsync("Hola Ana, ¿en qué te ayudo?");
        await page.Locator(".composer-send").ClickAsync();
        await Assertions.Expect(page.Locator(".message-row").Filter(new() { HasText = "Hola Ana, ¿en qué te ayudo?" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task With_enter_sends_on_enter_sends_and_shift_enter_adds_a_line()
    {
        var api = new InboxApi(Server.BaseAddress);
        var (channelId, token) = await api.CreateApiChannelAsync();
        var accepted = await api.CustomerWritesAsync(channelId, token, "e-1", "+34600555311", "Marta Enter", "¿Abrís mañana?");
        var page = await NewPageAsync("es-ES");

        await SignInAsync(page);
        await page.Locator($"[data-conversation-id='{accepted.ConversationId}']").ClickAsync(new() { Timeout = 30_000 });
        await page.Locator(".composer-enter-sends input").CheckAsync();
        // The API channel carries no files, so the composer offers none for this customer.
        await Assertions.Expect(page.Locator(".composer-attach")).ToHaveCountAsync(0);
        var composer = page.Locator(".composer-text.enter-sends textarea").First;
        await composer.ClickAsync();
        await composer.PressSequentiallyAsync("Sí, de 10 a 21");
        await composer.PressAsync("Shift+Enter");
        await composer.PressSequentiallyAsync("¡Te esperamos!");
        await composer.PressAsync("Enter");

        var sent = page.Locator(".message-row.outbound .message-text").Filter(new() { HasText = "¡Te esperamos!" });
        await Assertions.Expect(sent).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.Equal("Sí, de 10 a 21\n¡Te esperamos!", await sent.TextContentAsync());
        await Assertions.Expect(composer).ToHaveValueAsync("");
    }

    [Fact]
    public async Task A_label_filter()
    {
        var api = new InboxApi(Server.BaseAddress);
        var (channelId, token) = await api.CreateApiChannelAsync();
        await api.AdminPostAsync<LabelDto>(Routes.Labels, new SaveLabelRequest("VIP", "#e53935"));
        var vip = await api.CustomerWritesAsync(channelId, token, "l-1", "+34600555211", "Lucía VIP", "Soy clienta VIP");
        var other = await api.CustomerWritesAsync(channelId, token, "l-2", "+34600555212", "Jorge", "Una pregunta");
        var page = await NewPageAsync("en-US");

        await SignInAsync(page);
        await page.Locator($"[data-conversation-id='{vip.ConversationId}']").ClickAsync(new() { Timeout = 30_000 });
        await page.Locator(".label-menu button").First.ClickAsync();
        await page.Locator(".label-option").Filter(new() { HasText = "VIP" }).ClickAsync();
        await Assertions.Expect(page.Locator($"[data-conversation-id='{vip.ConversationId}'] .label-chip")).ToHaveTextAsync("VIP", new() { Timeout = 15_000 });

        await page.Locator(".label-filter").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "VIP" }).ClickAsync();

        await Assertions.Expect(page.Locator($"[data-conversation-id='{other.ConversationId}']")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator($"[data-conversation-id='{vip.ConversationId}']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_mention_notifies_the_other_agent()
    {
        var api = new InboxApi(Server.BaseAddress);
        var (channelId, token) = await api.CreateApiChannelAsync();
        await api.AdminPostAsync<UserDto>(Routes.Users, new CreateUserRequest("bruno@shop.test", "Bruno", Roles.Agent, "bruno-password-123"));
        var accepted = await api.CustomerWritesAsync(channelId, token, "n-1", "+34600555311", "Marta", "Quiero devolver un pedido");
        var bruno = await NewPageAsync("en-US");
        await SignInAsync(bruno, "bruno@shop.test", "bruno-password-123");
        await Assertions.Expect(bruno.Locator($"[data-conversation-id='{accepted.ConversationId}']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var admin = await NewPageAsync("en-US");

        await SignInAsync(admin);
        await admin.Locator($"[data-conversation-id='{accepted.ConversationId}']").ClickAsync(new() { Timeout = 30_000 });
        await admin.Locator(".composer-mode .mud-toggle-item").Nth(1).ClickAsync();
        var composer = admin.Locator(".composer-text textarea").First;
        await composer.FillAsync("Can you take the refund? @Bru");
        await admin.Locator(".mention-option").Filter(new() { HasText = "Bruno" }).ClickAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(composer).ToHaveValueAsync("Can you take the refund? @Bruno ");
        await admin.Locator(".composer-send").ClickAsync();

        await Assertions.Expect(bruno.Locator(".mud-snackbar").Filter(new() { HasText = "mentioned you" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(bruno.Locator(".notification-badge .mud-badge")).ToHaveTextAsync("1");
        await bruno.Locator(".view-tabs .mud-toggle-item").Nth(3).ClickAsync();
        await Assertions.Expect(bruno.Locator($"[data-conversation-id='{accepted.ConversationId}']")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await bruno.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("mention-notified"), FullPage = true });
    }
}
