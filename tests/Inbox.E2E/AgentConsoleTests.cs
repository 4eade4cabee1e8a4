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
}
