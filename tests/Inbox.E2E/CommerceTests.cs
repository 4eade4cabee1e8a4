using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;
using Microsoft.Playwright;

namespace Inbox.E2E;

/// <summary>The story of issue 21: a customer asks in chat for the green sofa the website shows only in blue; the agent
/// finds it at another branch, reserves it, sends the confirmation on her channel, and the branch sees it.</summary>
public sealed class CommerceTests : BrowserTest
{
    private const string Phone = "+34612345678";

    /// <summary>A small catalogue: the green sofa is only in Valencia; the customer's last order shipped to Madrid.</summary>
    private static CatalogueImportRequest Catalogue() => new(
        [
            new("MAD-CENTRO", "Casa Olmo Madrid Centro", LocationKind.Shop, "Madrid", "Calle de Fuencarral 45", "L-S 10:00-21:00", "madrid@casaolmo.example"),
            new("VLC-RUZAFA", "Casa Olmo Valencia Ruzafa", LocationKind.Shop, "Valencia", "Carrer de Sueca 12", "L-S 10:00-21:00", "valencia@casaolmo.example"),
        ],
        [
            new("SOF-CHES3-VERDE", "Sofá Chester 3 plazas", 1290m, "EUR", new Dictionary<string, string> { ["colour"] = "verde" }),
            new("SOF-CHES3-AZUL", "Sofá Chester 3 plazas", 1290m, "EUR", new Dictionary<string, string> { ["colour"] = "azul" }),
        ],
        [new("SOF-CHES3-VERDE", "MAD-CENTRO", 0), new("SOF-CHES3-VERDE", "VLC-RUZAFA", 1), new("SOF-CHES3-AZUL", "MAD-CENTRO", 3)],
        [
            new("CO-10102", OrderStatus.Completed, [new("LAM-ARCO", "Lámpara de pie Arco", 1, 189m)], 189m, DateTimeOffset.UtcNow.AddDays(-40),
                CustomerName: "Lucía Martín", CustomerPhone: Phone, ShippingCity: "Madrid"),
        ]);

    private async Task ImportCatalogueAsync()
    {
        using var admin = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = Server.BaseAddress };
        (await admin.PostAsJsonAsync(Routes.Login, new LoginRequest(ServerProcess.AdminEmail, ServerProcess.AdminPassword))).EnsureSuccessStatusCode();
        var antiforgery = (await admin.GetFromJsonAsync<AntiforgeryTokenDto>(Routes.Antiforgery))!;
        admin.DefaultRequestHeaders.Add(antiforgery.HeaderName, antiforgery.Token);
        (await admin.PostAsJsonAsync(Routes.CommerceImport, Catalogue())).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task An_agent_reserves_the_green_sofa_at_another_branch_confirms_it_to_the_customer_and_the_branch_sees_it()
    {
        await ImportCatalogueAsync();
        var api = new InboxApi(Server.BaseAddress);
        var (channelId, token) = await api.CreateApiChannelAsync();
        var asked = await api.CustomerWritesAsync(channelId, token, "c-1", Phone, "Lucía Martín", "Hola, ¿tenéis el sofá Chester en verde? En la web solo sale en azul.");
        var page = await NewPageAsync("en-US");

        await SignInAsync(page);
        await page.Locator($"[data-conversation-id='{asked.ConversationId}']").ClickAsync(new() { Timeout = 30_000 });
        // Her order is found by the phone she wrote from.
        await Assertions.Expect(page.Locator(".commerce-order[data-order='CO-10102']")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        await page.Locator(".commerce-search input").FillAsync("chester verde");
        await page.Locator(".commerce-search input").PressAsync("Enter");
        var sofa = page.Locator(".commerce-product[data-sku='SOF-CHES3-VERDE']");
        await Assertions.Expect(sofa).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator(".commerce-city")).ToHaveTextAsync("Madrid first");
        await Assertions.Expect(sofa.Locator(".commerce-stock-row").First).ToHaveAttributeAsync("data-location", "MAD-CENTRO");
        await Assertions.Expect(sofa.Locator(".commerce-stock-row[data-location='VLC-RUZAFA'] .commerce-stock-available")).ToHaveTextAsync("1 available");

        await sofa.Locator(".commerce-stock-row[data-location='VLC-RUZAFA'] .commerce-reserve").ClickAsync();
        var reservation = page.Locator(".commerce-reservation").First;
        await Assertions.Expect(reservation.Locator(".reservation-status")).ToHaveAttributeAsync("data-status", "Held", new() { Timeout = 15_000 });
        await Assertions.Expect(sofa.Locator(".commerce-stock-row[data-location='VLC-RUZAFA'] .commerce-stock-available")).ToHaveTextAsync("0 available");

        await reservation.Locator(".commerce-reservation-send").ClickAsync();
        var composer = page.Locator(".composer-text textarea").First;
        await Assertions.Expect(composer).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("We have reserved 1 × Sofá Chester 3 plazas for you at Casa Olmo Valencia Ruzafa"));
        await page.Locator(".composer-send").ClickAsync();
        await Assertions.Expect(page.Locator(".message-row").Filter(new() { HasText = "We have reserved 1 × Sofá Chester" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("commerce-panel"), FullPage = true });

        // The shop: the branch view lists it, who it is for, and leads back to the conversation.
        await page.Locator(".nav-branches").ClickAsync();
        await page.Locator(".branch-link").Filter(new() { HasText = "Valencia" }).ClickAsync(new() { Timeout = 15_000 });
        var row = page.Locator(".branch-reservation").First;
        await Assertions.Expect(row.Locator(".branch-who")).ToHaveTextAsync("Lucía Martín", new() { Timeout = 15_000 });
        await Assertions.Expect(row.Locator(".branch-what")).ToContainTextAsync("1 × Sofá Chester 3 plazas");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("commerce-branch"), FullPage = true });
        await row.Locator(".branch-pickup").ClickAsync();
        await Assertions.Expect(row.Locator(".reservation-status")).ToHaveAttributeAsync("data-status", "PickedUp");
        await row.Locator(".branch-conversation").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-message-id='{asked.MessageId}']")).ToContainTextAsync("sofá Chester en verde", new() { Timeout = 15_000 });
    }
}
