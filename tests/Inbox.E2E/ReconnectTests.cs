using System.Diagnostics;
using Microsoft.Playwright;

namespace Inbox.E2E;

/// <summary>The server restarts under an agent: a send meanwhile says in words that it was not sent and keeps the draft,
/// and the console is live again within seconds of the server answering.</summary>
public sealed class ReconnectTests : BrowserTest
{
    /// <summary>The retry policy waits at most 2.5 s between tries; the rest is the hub's start and the replay.</summary>
    private static readonly TimeSpan LiveAgainWithin = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task A_send_during_a_restart_is_kept_and_the_console_is_live_again_within_seconds()
    {
        var api = new InboxApi(Server.BaseAddress);
        var (channelId, token) = await api.CreateApiChannelAsync();
        var written = await api.CustomerWritesAsync(channelId, token, "r-1", "+34 600 777 111", "Jorge Vidal", "¿Está mi pedido en camino?");
        var page = await NewPageAsync("es-ES");
        await SignInAsync(page);
        await page.Locator($"[data-conversation-id='{written.ConversationId}']").ClickAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator($"[data-message-id='{written.MessageId}']")).ToBeVisibleAsync();

        await Server.KillAsync();
        await Assertions.Expect(page.Locator(".connection-indicator")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var composer = page.Locator(".composer-text textarea").First;
        await composer.FillAsync("Sí, sale hoy.");
        await page.Locator(".composer-send").ClickAsync();
        var snackbar = page.Locator(".mud-snackbar").Filter(new() { HasText = "No enviado" });
        await Assertions.Expect(snackbar).ToContainTextAsync("no se puede contactar con el servidor");
        await Assertions.Expect(page.Locator(".mud-snackbar")).Not.ToContainTextAsync("Failed to fetch");
        await Assertions.Expect(composer).ToHaveValueAsync("Sí, sale hoy.");

        await using var restarted = await Server.StartAgainAsync();
        var healthy = Stopwatch.StartNew();
        await Assertions.Expect(page.Locator(".connection-indicator")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        var liveAfter = healthy.Elapsed;
        Assert.True(liveAfter < LiveAgainWithin, $"live again {liveAfter.TotalSeconds:0.0} s after the server answered");

        await page.Locator(".composer-send").ClickAsync();
        await Assertions.Expect(page.Locator(".message-row").Filter(new() { HasText = "Sí, sale hoy." })).ToBeVisibleAsync(new() { Timeout = 15_000 });
    }
}
