using System.Net;
using System.Text.Json;
using Inbox.Contracts;
using Inbox.Web.Commerce;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests.Commerce;

/// <summary>The admin's WooCommerce card: connect with URL, key and secret; the stored key shown by its end only; a blank
/// key and secret keep it; the server's field errors (a private address) under the field.</summary>
public sealed class WooCommerceSettingsCardTests : ConsoleTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly WooCommerceSettingsDto None = new(false, null, null, CancellationRule.Note, false, null);
    private static readonly WooCommerceSettingsDto Connected = new(true, "https://tienda.casaolmo.es", "…9f3a", CancellationRule.Status, true, Fixtures.T0);

    public WooCommerceSettingsCardTests() => SignInAsAdmin();

    private WooCommerceSettingsRequest Put() => JsonSerializer.Deserialize<WooCommerceSettingsRequest>(
        Http.Requests.Last(r => r.Method == HttpMethod.Put && r.PathAndQuery == Routes.CommerceWooCommerce).Body!, Inbox.Web.Api.ApiJson.Options)!;

    [Fact]
    public async Task Connecting_sends_url_key_secret_and_rule_and_then_shows_only_the_keys_end()
    {
        Http.OnJson(HttpMethod.Get, Routes.CommerceWooCommerce, None);
        Http.OnJson(HttpMethod.Put, Routes.CommerceWooCommerce, Connected);
        Render<MudBlazor.MudSnackbarProvider>();
        var cut = Render<WooCommerceSettingsCard>();
        cut.WaitForAssertion(() => Assert.Equal("Not connected", cut.Find(".woocommerce-state").TextContent.Trim()), Wait);

        await cut.InvokeAsync(() => cut.Find(".woocommerce-url input").Change(" https://tienda.casaolmo.es "));
        await cut.InvokeAsync(() => cut.Find(".woocommerce-key input").Change("ck_123456789f3a"));
        await cut.InvokeAsync(() => cut.Find(".woocommerce-secret input").Change("cs_secret"));
        await cut.InvokeAsync(() => cut.Find(".woocommerce-cancel-by-status input").Change(true));
        await cut.InvokeAsync(() => cut.Find(".woocommerce-save").Click());

        cut.WaitForAssertion(() => Assert.Equal("Connected", cut.Find(".woocommerce-state").TextContent.Trim()), Wait);
        Assert.Equal(new WooCommerceSettingsRequest("https://tienda.casaolmo.es", "ck_123456789f3a", "cs_secret", CancellationRule.Status, true), Put());
        Assert.Contains("…9f3a", cut.Find(".woocommerce-stored").TextContent);
        Assert.Equal("", cut.Find(".woocommerce-secret input").GetAttribute("value") ?? "");
        Assert.DoesNotContain("cs_secret", cut.Markup);
    }

    [Fact]
    public async Task Saving_with_key_and_secret_left_blank_keeps_the_stored_ones_and_a_refused_address_shows_under_the_field()
    {
        Http.OnJson(HttpMethod.Get, Routes.CommerceWooCommerce, Connected);
        Http.On(HttpMethod.Put, Routes.CommerceWooCommerce, _ => FakeHttpHandler.Problem(HttpStatusCode.BadRequest, "Invalid",
            new Dictionary<string, string[]> { ["baseUrl"] = ["The shop's host 10.0.0.5 is on a private or loopback address; Inbox only calls shops on the public internet."] }));
        var cut = Render<WooCommerceSettingsCard>();
        cut.WaitForAssertion(() => Assert.Equal("https://tienda.casaolmo.es", cut.Find(".woocommerce-url input").GetAttribute("value")), Wait);
        Assert.Equal("Connected", cut.Find(".woocommerce-state").TextContent.Trim());
        Assert.Empty(cut.FindAll(".woocommerce-cancel-by-note")); // the stored rule is "status"

        await cut.InvokeAsync(() => cut.Find(".woocommerce-url input").Change("https://10.0.0.5"));
        await cut.InvokeAsync(() => cut.Find(".woocommerce-save").Click());

        cut.WaitForAssertion(() => Assert.Contains("private or loopback address", cut.Find(".woocommerce-url").TextContent), Wait);
        Assert.Equal(new WooCommerceSettingsRequest("https://10.0.0.5", null, null, CancellationRule.Status, true), Put());
    }

    [Fact]
    public async Task The_card_speaks_spanish_and_disconnecting_deletes_the_shop()
    {
        Culture.Set("es");
        Http.OnJson(HttpMethod.Get, Routes.CommerceWooCommerce, Connected);
        Http.On(HttpMethod.Delete, Routes.CommerceWooCommerce, _ => new HttpResponseMessage(HttpStatusCode.NoContent));
        var cut = Render<WooCommerceSettingsCard>();
        cut.WaitForAssertion(() => Assert.Equal("Conectada", cut.Find(".woocommerce-state").TextContent.Trim()), Wait);

        await cut.InvokeAsync(() => cut.Find(".woocommerce-disconnect").Click());

        cut.WaitForAssertion(() => Assert.Equal("Sin conectar", cut.Find(".woocommerce-state").TextContent.Trim()), Wait);
        Assert.Single(Http.Requests, r => r.Method == HttpMethod.Delete && r.PathAndQuery == Routes.CommerceWooCommerce);
        Assert.Empty(cut.FindAll(".woocommerce-disconnect"));
    }
}
