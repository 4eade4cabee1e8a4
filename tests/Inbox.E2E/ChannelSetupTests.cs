using System.Net.Http.Json;
using Inbox.Contracts;
using Microsoft.Playwright;

namespace Inbox.E2E;

/// <summary>A shop admin sets up an API channel entirely in the console (in Spanish), and the integration works.</summary>
public sealed class ChannelSetupTests : BrowserTest
{
    [Fact]
    public async Task An_admin_creates_an_api_channel_in_the_console_and_its_token_lets_an_integration_write_in()
    {
        var page = await NewPageAsync("es-ES", height: 900);
        await SignInAsync(page);

        await GoToAsync(page, "/settings/channels");
        await page.Locator(".channel-add").ClickAsync(new() { Timeout = 30_000 });
        await page.Locator(".channel-name-input input").FillAsync("Tienda online");
        await page.Locator(".channel-field-webhookUrl input").FillAsync("https://tienda.example/webhook");
        // The form is drawn from GET /api/channel-types: the API channel's fields, labelled in Spanish.
        await Assertions.Expect(page.Locator(".channel-field-webhookSecret")).ToContainTextAsync("Secreto del webhook");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("settings-channel-form-es") });
        await page.Locator(".channel-create").ClickAsync();

        var token = page.Locator(".secret-inbound-token input");
        await Assertions.Expect(token).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^inbox_ch_"), new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator(".secrets-once-warning")).ToBeVisibleAsync();
        var inboundToken = await token.InputValueAsync();
        var inboundUrl = await page.Locator(".secret-inbound-url input").InputValueAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("settings-channel-created-es") });
        await page.Locator(".channel-done").ClickAsync();
        await Assertions.Expect(page.Locator(".channel-table")).ToContainTextAsync("Tienda online");

        // The integration uses exactly what the console showed.
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, inboundUrl)
        {
            Content = JsonContent.Create(new ApiInboundMessage("web-1", new ApiSender("+34 611 000 111", "phone", "Lucía"), "Hola, ¿abrís el domingo?", null)),
        };
        request.Headers.Add(Routes.ChannelTokenHeader, inboundToken);
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var accepted = (await response.Content.ReadFromJsonAsync<ApiInboundAccepted>())!;

        await GoToAsync(page, "/");
        await Assertions.Expect(page.Locator($"[data-conversation-id='{accepted.ConversationId}']")).ToContainTextAsync("Lucía", new() { Timeout = 30_000 });
    }
}
