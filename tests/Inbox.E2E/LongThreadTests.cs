using System.Text.Json;
using Microsoft.Playwright;

namespace Inbox.E2E;

/// <summary>A 10,000-message thread in the console: only a window of it is in the DOM, scrolling up brings older
/// history without moving what the agent reads, new messages keep the bottom in view (or wait behind a button while the
/// agent reads above), and a search hit at the very beginning opens there.</summary>
public sealed class LongThreadTests : BrowserTest
{
    private const int Total = 10_000;
    private const int DomBound = 200;

    [Fact]
    public async Task A_ten_thousand_message_thread_stays_bounded_keeps_the_reading_position_and_opens_at_a_deep_search_hit()
    {
        var api = new InboxApi(Server.BaseAddress);
        var (channelId, token) = await api.CreateApiChannelAsync();
        const string phone = "+34 600 123 123";
        var deep = await api.CustomerWritesAsync(channelId, token, "long-0", phone, "Rosa Largo", "Mi pedido zanahoria llegó roto");
        await api.CustomerWritesManyAsync(channelId, token, phone, "Rosa Largo",
            Enumerable.Range(1, Total - 2).Select(i => ($"long-{i}", $"Mensaje número {i} de una conversación muy larga")).ToList());
        await api.CustomerWritesAsync(channelId, token, "long-last", phone, "Rosa Largo", "El último, de momento");
        var page = await NewPageAsync("es-ES");
        await SignInAsync(page);

        await GoToAsync(page, $"/conversations/{deep.ConversationId}");
        var rows = page.Locator(".message-row");
        var newest = page.Locator(".message-row").Last;
        await Assertions.Expect(newest).ToContainTextAsync("El último, de momento", new() { Timeout = 30_000 });
        await Assertions.Expect(newest).ToBeInViewportAsync();
        Assert.InRange(await rows.CountAsync(), 1, DomBound - 1);

        // Scrolled to the top of what is rendered, again and again: older history comes in above (from the window or
        // the server) while the line the agent was looking at stays exactly where it was on the screen.
        var oldestSeen = await OldestRenderedAsync(page);
        for (var round = 0; round < 8; round++)
        {
            var anchor = await ScrollToTopAsync(page);
            await page.WaitForFunctionAsync($"() => Number(document.querySelector('.message-row')?.dataset.messageId) < {oldestSeen}", null, new() { Timeout = 30_000 });
            var moved = await page.EvaluateAsync<double>(
                "id => { const s = document.querySelector('.message-scroll'); const el = document.querySelector(`.message-row[data-message-id=\"${id}\"]`);"
                + " return el ? el.getBoundingClientRect().top - s.getBoundingClientRect().top : 1e9; }", anchor.Id);
            Assert.True(Math.Abs(moved - anchor.Top) <= 2, $"round {round}: message {anchor.Id} was {anchor.Top:0} px from the top, now {moved:0}");
            Assert.InRange(await rows.CountAsync(), 1, DomBound - 1);
            oldestSeen = await OldestRenderedAsync(page);
        }
        Assert.True(oldestSeen < deep.MessageId + Total - 300, $"scrolling up reached message {oldestSeen}");

        // A message arriving while the agent reads above waits behind the button; the button goes down to it.
        await api.CustomerWritesAsync(channelId, token, "long-late-1", phone, "Rosa Largo", "¿Hay alguien?");
        var button = page.Locator(".new-messages");
        await Assertions.Expect(button).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await button.ClickAsync();
        var late = page.Locator(".message-row").Filter(new() { HasText = "¿Hay alguien?" });
        await Assertions.Expect(late).ToBeInViewportAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(button).ToHaveCountAsync(0);

        // At the bottom, the next one just shows.
        await api.CustomerWritesAsync(channelId, token, "long-late-2", phone, "Rosa Largo", "Sigo aquí");
        var next = page.Locator(".message-row").Filter(new() { HasText = "Sigo aquí" });
        await Assertions.Expect(next).ToBeInViewportAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(button).ToHaveCountAsync(0);

        // The very first message, found by search, opens in place with the DOM still bounded.
        var box = page.Locator(".app-search input");
        await box.FillAsync("zanahoria");
        await box.PressAsync("Enter");
        var hit = page.Locator($".search-hit[data-message-id='{deep.MessageId}']");
        await hit.ClickAsync(new() { Timeout = 15_000 });
        var found = page.Locator($".message-row[data-message-id='{deep.MessageId}']");
        await Assertions.Expect(found).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("message-found"), new() { Timeout = 60_000 });
        await Assertions.Expect(found).ToBeInViewportAsync();
        Assert.InRange(await rows.CountAsync(), 1, DomBound - 1);
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("long-thread-search") });
    }

    private static Task<long> OldestRenderedAsync(IPage page) =>
        page.EvaluateAsync<long>("() => Number(document.querySelector('.message-row').dataset.messageId)");

    /// <summary>Scrolls the thread to the top of what is rendered; returns the first message row on screen and its
    /// distance from the top of the box, measured at once (before the scroll event lets the page react).</summary>
    private static async Task<(long Id, double Top)> ScrollToTopAsync(IPage page)
    {
        // Not while the previous stretch is still being asked for: its render would land before this scroll's event,
        // and the page would rightly keep the line it last saw (a user's wheel never jumps a whole screen in one frame).
        await page.WaitForFunctionAsync("() => !document.querySelector('.message-scroll').hasAttribute('data-asking')", null, new() { Timeout = 30_000 });
        var json = await page.EvaluateAsync<JsonElement>("""
            () => {
              const s = document.querySelector('.message-scroll');
              s.scrollTop = -(s.scrollHeight - s.clientHeight);
              const top = s.getBoundingClientRect().top;
              const row = [...document.querySelectorAll('.message-row')].find(r => r.getBoundingClientRect().bottom > top + 1);
              return { id: Number(row.dataset.messageId), top: row.getBoundingClientRect().top - top };
            }
            """);
        return (json.GetProperty("id").GetInt64(), json.GetProperty("top").GetDouble());
    }
}
