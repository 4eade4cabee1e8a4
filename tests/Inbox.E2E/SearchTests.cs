using Microsoft.Playwright;

namespace Inbox.E2E;

/// <summary>An agent searches all history from the app bar and lands on the message in its thread; the Contacts page
/// finds the customer by phone.</summary>
public sealed class SearchTests : BrowserTest
{
    [Fact]
    public async Task Search_finds_a_spanish_message_typed_without_accents_and_opens_it()
    {
        var api = new InboxApi(Server.BaseAddress);
        var (channelId, token) = await api.CreateApiChannelAsync();
        var wanted = await api.CustomerWritesAsync(channelId, token, "s-0", "+34 600 444 555", "Lucía Pérez", "¿Cómo se llama la canción del anuncio de Navidad?");
        // Someone else, so the Contacts page has more than one row until the filter applies.
        await api.CustomerWritesAsync(channelId, token, "o-0", "+34 600 999 888", "Jorge Otero", "Hola");
        // The thread goes on past one page, so the message is among older ones the console has to load.
        for (var i = 1; i <= 55; i++)
            await api.CustomerWritesAsync(channelId, token, $"s-{i}", "+34 600 444 555", "Lucía Pérez", $"Otro mensaje {i}");
        var page = await NewPageAsync("es-ES");
        await SignInAsync(page);

        var box = page.Locator(".app-search input");
        await box.FillAsync("cancion anuncio", new() { Timeout = 30_000 });
        await box.PressAsync("Enter");

        var hit = page.Locator($".search-hit[data-message-id='{wanted.MessageId}']");
        await Assertions.Expect(hit).ToContainTextAsync("Lucía Pérez", new() { Timeout = 15_000 });
        await Assertions.Expect(hit.Locator("mark").First).ToHaveTextAsync("canción");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("search-results") });
        await hit.ClickAsync();

        var message = page.Locator($".message-row[data-message-id='{wanted.MessageId}']");
        await Assertions.Expect(message).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("message-found"), new() { Timeout = 15_000 });
        await Assertions.Expect(message).ToBeInViewportAsync();
        Assert.Contains($"/conversations/{wanted.ConversationId}?message={wanted.MessageId}", page.Url);
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("search-opened") });

        // The Contacts page finds her by the phone typed the international way, and opens her thread.
        await page.Locator(".nav-contacts").ClickAsync();
        await page.Locator(".contacts-filter input").FillAsync("0034 600 444 555");
        var contact = page.Locator($".contact-hit[data-contact-id='{wanted.ContactId}']");
        await Assertions.Expect(contact).ToContainTextAsync("Lucía Pérez", new() { Timeout = 15_000 });
        // Waiting for the filtered list (one row) means the click does not land on a list the filter is re-rendering.
        await Assertions.Expect(page.Locator(".contact-hit")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await contact.ClickAsync();
        // A busy machine (CI's two cores) can take a while to load the contact page: wait for it, not a fixed guess.
        await page.WaitForURLAsync(url => url.EndsWith($"/contacts/{wanted.ContactId}", StringComparison.Ordinal), new() { Timeout = 30_000 });
        await page.Locator(".contact-open-conversation").ClickAsync(new() { Timeout = 30_000 });
        await page.WaitForURLAsync(url => url.EndsWith($"/conversations/{wanted.ConversationId}", StringComparison.Ordinal), new() { Timeout = 15_000 });
    }
}
