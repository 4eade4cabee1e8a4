using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Dapper;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Commerce;

/// <summary>
/// The admin's WooCommerce shop as a commerce source, against a loopback server speaking the REST API v3: the contact's
/// orders by every email and phone, products by SKU, name and colour with their one online stock, settings whose secret
/// never comes back, a shop that is down, slow or refuses the key, and cancellation requests by note and by status.
/// </summary>
public sealed class WooCommerceSourceTests : IAsyncLifetime
{
    private LoopbackWooCommerce _shop = null!;
    private InboxAppFactory _app = null!;
    private HttpClient _admin = null!;
    private ApiChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _shop = await LoopbackWooCommerce.StartAsync();
        _app = new InboxAppFactory(settings: WooCommerceIntents.Settings());
        _admin = await _app.AdminClientAsync();
        _channel = await _app.CreateApiChannelAsync(_admin);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _shop.DisposeAsync();
    }

    /// <summary>A customer who wrote by phone and by email, merged into one contact.</summary>
    private async Task<(ApiInboundAccepted Thread, string Phone, string Email)> CustomerAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var phone = WooCommerceIntents.NewMobile();
        var email = $"lucia-{suffix}@customer.test";
        var byPhone = await _app.PushAcceptedAsync(_channel, $"p-{suffix}", phone, "¿Dónde está mi pedido?");
        var byEmail = await _app.PushAcceptedAsync(_channel, $"e-{suffix}", email, "Pedido", kind: "email");
        (await _admin.PostAsJsonAsync(Routes.ContactMerge(byPhone.ContactId), new MergeContactsRequest(byEmail.ContactId))).EnsureSuccessOrDump();
        return (byPhone, phone, email);
    }

    [Fact]
    public async Task The_contacts_orders_are_found_by_email_registered_customer_and_phone_as_typed_across_pages()
    {
        await _admin.ConnectedShopAsync(_shop);
        var (thread, phone, email) = await CustomerAsync();
        var guest = _shop.AddOrder("processing", email: email.ToUpperInvariant(), city: "Valencia", createdGmt: DateTime.UtcNow.AddDays(-1),
            items: ("MESA-1", "Mesa de roble", 1, 590m));
        var registered = _shop.AddCustomer(email);
        // A registered customer's orders may carry another billing email: they are hers by the account. 60 of them: two pages.
        var theirs = Enumerable.Range(0, 60).Select(i => _shop.AddOrder("completed", email: "work@company.test", customerId: registered.Id,
            createdGmt: DateTime.UtcNow.AddDays(-10 - i), items: ("LAMP-1", "Lámpara", 2, 94.5m))).ToList();
        _shop.AddOrder("on-hold", phone: WooCommerceIntents.AsTyped(phone), number: "WEB-7", city: "Sevilla", createdGmt: DateTime.UtcNow);
        _shop.AddOrder("processing", email: $"other-{email}", phone: "+34699999999");

        var found = await _admin.GetJsonAsync<ContactOrdersDto>(Routes.ContactOrders(thread.ContactId));

        Assert.Empty(found.Unavailable);
        Assert.Equal(62, found.Orders.Count);
        Assert.Equal(["WEB-7", guest.Number, theirs[0].Number], found.Orders.Take(3).Select(o => o.Number));
        Assert.All(found.Orders, o => Assert.Equal("woocommerce", o.Source));
        var first = found.Orders[0];
        Assert.Equal((OrderStatus.OnHold, "Sevilla", "Lucía Pérez"), (first.Status, first.ShippingCity, first.CustomerName));
        var mesa = found.Orders[1];
        Assert.Equal((OrderStatus.Processing, 590m, "EUR"), (mesa.Status, mesa.Total, mesa.Currency));
        Assert.Equal(("MESA-1", 1, 590m), (mesa.Items.Single().Sku, mesa.Items.Single().Quantity, mesa.Items.Single().UnitPrice));
        Assert.Equal((OrderStatus.Completed, FulfilmentStatus.Delivered, 189m), (found.Orders[2].Status, found.Orders[2].Fulfilment, found.Orders[2].Total));
        Assert.Contains(_shop.Requests, r => r.Contains($"/orders?customer={registered.Id}", StringComparison.Ordinal) && r.Contains("page=2", StringComparison.Ordinal));
        Assert.DoesNotContain(_shop.Requests, r => r.Contains($"/orders?customer={registered.Id}", StringComparison.Ordinal) && r.Contains("page=3", StringComparison.Ordinal));

        // Asked again within the cache's time, the shop is not asked again.
        var asked = _shop.Requests.Count;
        var again = await _admin.GetJsonAsync<ContactOrdersDto>(Routes.ContactOrders(thread.ContactId));
        Assert.Equal(62, again.Orders.Count);
        Assert.Equal(asked, _shop.Requests.Count);
    }

    [Fact]
    public async Task Products_are_found_by_sku_name_and_colour_of_a_variation_with_the_online_stock_and_the_shops_currency()
    {
        await _admin.ConnectedShopAsync(_shop);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        _shop.AddVariableProduct($"Sofá Chester {suffix}", $"CHESTER-{suffix}", ($"CHESTER-{suffix}-VERDE", "Verde", 1290m, 3), ($"CHESTER-{suffix}-GRIS", "Gris", 1190m, 0));
        _shop.AddSimpleProduct($"Lámpara Arco {suffix}", $"ARCO-{suffix}", 189m, null, "instock", ("Color", ["Negro"]));
        _shop.AddSimpleProduct($"Sofá cama {suffix}", $"CAMA-{suffix}", 690m, 5);

        var green = await _admin.GetJsonAsync<ProductSearchDto>($"{Routes.CommerceProducts}?q={Uri.EscapeDataString($"sofa verde {suffix}")}");
        var bySku = await _admin.GetJsonAsync<ProductSearchDto>($"{Routes.CommerceProducts}?q=CHESTER-{suffix}");
        var lamp = await _admin.GetJsonAsync<ProductSearchDto>($"{Routes.CommerceProducts}?q={Uri.EscapeDataString($"LAMPARA negro {suffix}")}");

        Assert.Empty(green.Unavailable);
        var sofa = Assert.Single(green.Products);
        Assert.Equal(($"CHESTER-{suffix}-VERDE", $"Sofá Chester {suffix}", "Verde", 1290m, "EUR", "woocommerce"),
            (sofa.Sku, sofa.Name, sofa.Attributes["colour"], sofa.Price, sofa.Currency, sofa.Source));
        var online = Assert.Single(sofa.Stock);
        Assert.Equal(("WOO-ONLINE", "Online shop", 3, 0, 3), (online.LocationCode, online.LocationName, online.OnHand, online.Reserved, online.Available));
        Assert.Equal([$"CHESTER-{suffix}-GRIS", $"CHESTER-{suffix}-VERDE"], bySku.Products.Select(p => p.Sku).Order());
        Assert.Equal(0, bySku.Products.Single(p => p.Sku.EndsWith("GRIS", StringComparison.Ordinal)).Stock.Single().Available);
        // A variation's own SKU: WooCommerce answers it as a "variation" of the products list.
        var byVariationSku = Assert.Single((await _admin.GetJsonAsync<ProductSearchDto>($"{Routes.CommerceProducts}?q=chester-{suffix}-verde")).Products);
        Assert.Equal(($"CHESTER-{suffix}-VERDE", $"Sofá Chester {suffix} - Verde", "Verde", 1290m, 3),
            (byVariationSku.Sku, byVariationSku.Name, byVariationSku.Attributes["colour"], byVariationSku.Price, byVariationSku.Stock.Single().Available));
        var arco = Assert.Single(lamp.Products);
        // Stock not managed but "in stock": shown as available, one unit being all the shop will say.
        Assert.Equal(("Negro", 1), (arco.Attributes["colour"], arco.Stock.Single().Available));

        _shop.Currency = "GBP";
        var asked = _shop.Requests.Count;
        var cached = await _admin.GetJsonAsync<ProductSearchDto>($"{Routes.CommerceProducts}?q={Uri.EscapeDataString($"sofa verde {suffix}")}");
        Assert.Equal(asked, _shop.Requests.Count);
        Assert.Equal("EUR", cached.Products.Single().Currency);
    }

    [Fact]
    public async Task A_shops_product_is_sent_to_the_customer_with_its_price_and_online_stock_as_the_shop_has_them_now()
    {
        await _admin.ConnectedShopAsync(_shop);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        _shop.AddVariableProduct($"Sofá Chester {suffix}", $"CHESTER-{suffix}", ($"CHESTER-{suffix}-VERDE", "Verde", 1290m, 3), ($"CHESTER-{suffix}-GRIS", "Gris", 1190m, 0));

        var es = await _admin.PostJsonAsync<CommerceSummaryDto>(Routes.CommerceSummary,
            new CommerceSummaryRequest(Source: "woocommerce", Sku: $"CHESTER-{suffix}-VERDE", Language: "es"));
        Assert.Equal($"Sofá Chester {suffix} - Verde · 1.290,00 € · SKU CHESTER-{suffix}-VERDE\nDisponible en:\n- Tienda online: 3 unidades\n¿Quieres que te ayudemos con el pedido?",
            es.Text.ReplaceLineEndings("\n"));
        var sold = await _admin.PostJsonAsync<CommerceSummaryDto>(Routes.CommerceSummary,
            new CommerceSummaryRequest(Source: "WooCommerce", Sku: $"chester-{suffix}-gris", Language: "en"));
        Assert.EndsWith("We have none left in our shops right now.", sold.Text);

        foreach (var (request, status, field) in new (CommerceSummaryRequest, HttpStatusCode, string)[]
        {
            (new(Source: "woocommerce", Sku: $"CHESTER-{suffix}-AZUL"), HttpStatusCode.NotFound, ""),
            (new(Source: "shopify", Sku: $"CHESTER-{suffix}-VERDE"), HttpStatusCode.BadRequest, "source"),
            (new(Source: "woocommerce"), HttpStatusCode.BadRequest, "sku"),
            (new(ProductId: 1, Source: "woocommerce", Sku: $"CHESTER-{suffix}-VERDE"), HttpStatusCode.BadRequest, "productId"),
        })
        {
            var body = await (await _admin.PostAsJsonAsync(Routes.CommerceSummary, request)).AssertStatusAsync(status);
            if (field.Length > 0) Assert.Contains($"\"{field}\"", body);
        }
    }

    [Fact]
    public async Task The_settings_keep_the_secret_encrypted_and_never_return_it()
    {
        var saved = await _admin.ConnectedShopAsync(_shop, CancellationRule.Status);
        var read = await _admin.GetStringAsync(Routes.CommerceWooCommerce);
        await using var db = _app.OpenDatabase();
        var stored = await db.QuerySingleAsync<string>("SELECT credentials FROM commerce_woocommerce");

        Assert.True(saved.Configured);
        Assert.Equal(_shop.BaseUrl.AbsoluteUri.TrimEnd('/'), saved.BaseUrl);
        Assert.Equal("…" + _shop.ConsumerKey[^4..], saved.ConsumerKeyHint);
        Assert.Equal(CancellationRule.Status, saved.Cancellation);
        Assert.DoesNotContain(_shop.ConsumerSecret, read, StringComparison.Ordinal);
        Assert.DoesNotContain(_shop.ConsumerKey, read, StringComparison.Ordinal);
        Assert.DoesNotContain(_shop.ConsumerSecret, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(_shop.ConsumerKey, stored, StringComparison.Ordinal);

        // Saving again without key and secret keeps the stored ones (the form never has them back to send).
        var kept = await _admin.PutAsJsonAsync(Routes.CommerceWooCommerce, new WooCommerceSettingsRequest(_shop.BaseUrl.AbsoluteUri, Cancellation: CancellationRule.Note));
        Assert.Equal(CancellationRule.Note, (await kept.ReadJsonOrDumpAsync<WooCommerceSettingsDto>()).Cancellation);
        Assert.Equal(0, _shop.Refused);

        // An agent neither reads nor changes them.
        var agent = await _app.CreateAgentAsync(_admin, $"agent-{Guid.NewGuid():N}@shop.test");
        await (await agent.Client.GetAsync(Routes.CommerceWooCommerce)).AssertStatusAsync(HttpStatusCode.Forbidden);
        await (await agent.Client.PutAsJsonAsync(Routes.CommerceWooCommerce, new WooCommerceSettingsRequest("https://93.184.215.14"))).AssertStatusAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("https://10.0.0.5")]
    [InlineData("https://192.168.1.20/shop")]
    [InlineData("https://169.254.169.254")]
    [InlineData("https://[fd00::1]")]
    [InlineData("https://[64:ff9b::a00:1]")]
    [InlineData("https://100.64.0.1")]
    [InlineData("http://93.184.215.14")]
    [InlineData("ftp://shop.example")]
    [InlineData("https://user:pw@93.184.215.14")]
    public async Task A_shop_on_a_private_address_or_without_https_is_refused_even_when_loopback_is_allowed(string url)
    {
        var response = await _admin.PutAsJsonAsync(Routes.CommerceWooCommerce, new WooCommerceSettingsRequest(url, "ck_x", "cs_x"));

        var body = await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Contains("baseUrl", body);
        Assert.False((await _admin.GetJsonAsync<WooCommerceSettingsDto>(Routes.CommerceWooCommerce)).Configured);
    }

    [Fact]
    public async Task Without_the_development_option_a_shop_on_this_machine_is_refused_and_never_called()
    {
        await using var production = new InboxAppFactory();
        var admin = await production.AdminClientAsync();

        var byAddress = await admin.ConnectShopAsync(_shop);
        var byName = await admin.ConnectShopAsync(_shop, baseUrl: $"https://localhost:{_shop.BaseUrl.Port}");

        Assert.Contains("private or loopback", await byAddress.AssertStatusAsync(HttpStatusCode.BadRequest));
        Assert.Contains("private or loopback", await byName.AssertStatusAsync(HttpStatusCode.BadRequest));
        Assert.Empty(_shop.Requests);
        Assert.Equal(0, _shop.Refused);
    }

    [Fact]
    public async Task Wrong_credentials_are_a_clear_problem_on_saving_and_in_the_panel_never_a_500()
    {
        var wrong = await _admin.ConnectShopAsync(_shop, secret: "cs_wrong");
        Assert.Contains("refused the consumer key and secret (401, woocommerce_rest_cannot_view)", await wrong.AssertStatusAsync(HttpStatusCode.BadRequest));
        Assert.Contains("consumerKey", await wrong.Content.ReadAsStringAsync());

        await _admin.ConnectedShopAsync(_shop);
        _shop.RotateSecret();
        var (thread, _, _) = await CustomerAsync();
        var orders = await _admin.GetAsync(Routes.ContactOrders(thread.ContactId));
        var found = await orders.ReadJsonOrDumpAsync<ContactOrdersDto>();
        var problem = Assert.Single(found.Unavailable);
        Assert.Equal("woocommerce", problem.Source);
        Assert.Contains("refused the consumer key and secret", problem.Message);
        Assert.DoesNotContain(_shop.ConsumerKey, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_that_is_not_a_WooCommerce_API_is_refused_on_saving_and_a_broken_answer_is_a_problem_not_a_500()
    {
        var noApi = await _admin.ConnectShopAsync(_shop, baseUrl: new Uri(_shop.BaseUrl, "blog/").AbsoluteUri);
        Assert.Contains("no WooCommerce REST API v3 at its address (404)", await noApi.AssertStatusAsync(HttpStatusCode.BadRequest));

        _shop.AnswersHtml = true;
        var html = await _admin.ConnectShopAsync(_shop);
        Assert.Contains("not WooCommerce REST API JSON", await html.AssertStatusAsync(HttpStatusCode.BadRequest));

        _shop.AnswersHtml = false;
        await _admin.ConnectedShopAsync(_shop);
        _shop.AnswersHtml = true;
        var (thread, _, _) = await CustomerAsync();
        var found = await _admin.GetJsonAsync<ContactOrdersDto>(Routes.ContactOrders(thread.ContactId));
        Assert.Contains("not WooCommerce REST API JSON", Assert.Single(found.Unavailable).Message);
    }

    [Fact]
    public async Task A_shop_that_refuses_connections_or_answers_too_slowly_is_named_unavailable_and_the_thread_keeps_working()
    {
        await using var slowApp = new InboxAppFactory(settings: WooCommerceIntents.Settings(lookupTimeout: "00:00:00.500"));
        var admin = await slowApp.AdminClientAsync();
        var channel = await slowApp.CreateApiChannelAsync(admin);
        await admin.ConnectedShopAsync(_shop);
        var phone = WooCommerceIntents.NewMobile();
        _shop.AddOrder("processing", phone: phone);
        var customer = await slowApp.PushAcceptedAsync(channel, "slow-1", phone, "¿Y mi pedido?");

        _shop.Delay = TimeSpan.FromSeconds(30);
        var watch = Stopwatch.StartNew();
        var slow = await admin.GetJsonAsync<ContactOrdersDto>(Routes.ContactOrders(customer.ContactId));
        var slowProducts = await admin.GetJsonAsync<ProductSearchDto>($"{Routes.CommerceProducts}?q=sofa");
        watch.Stop();
        Assert.Empty(slow.Orders);
        Assert.Contains("woocommerce did not answer within 0.5 s", Assert.Single(slow.Unavailable).Message);
        Assert.Equal("woocommerce", Assert.Single(slowProducts.Unavailable).Source);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"two lookups took {watch.Elapsed}");

        await _shop.DisposeAsync(); // the port now refuses connections
        var down = await admin.GetJsonAsync<ContactOrdersDto>(Routes.ContactOrders(customer.ContactId));
        Assert.Contains("cannot be reached", Assert.Single(down.Unavailable).Message);
        var cancel = await admin.RequestCancellationAsync(customer.ContactId, "1", customer.ConversationId);
        Assert.Contains("Nothing was asked of the shop", await cancel.AssertStatusAsync(HttpStatusCode.ServiceUnavailable));

        var reply = await admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(customer.ConversationId), new ReplyRequest("Lo miro ahora mismo"));
        var conversation = await admin.GetJsonAsync<ConversationDto>(Routes.Conversation(customer.ConversationId));
        var thread = await admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(customer.ConversationId));
        Assert.Equal(customer.ConversationId, reply.ConversationId);
        Assert.Equal(customer.ContactId, conversation.Contact.Id);
        Assert.Equal(2, thread.Items.Count);
    }

    [Fact]
    public async Task A_cancellation_request_by_note_leaves_a_private_note_and_is_recorded_on_the_conversation()
    {
        await _admin.ConnectedShopAsync(_shop, CancellationRule.Note);
        var (thread, _, email) = await CustomerAsync();
        var order = _shop.AddOrder("processing", email: email, number: "WEB-1001");

        var response = await _admin.RequestCancellationAsync(thread.ContactId, "WEB-1001", thread.ConversationId, reason: "Ha encontrado otro sofá");

        var done = await response.ReadJsonOrDumpAsync<OrderCancellationDto>();
        Assert.Equal(("woocommerce", "WEB-1001", CancellationRule.Note, OrderStatus.Processing), (done.Source, done.Number, done.Rule, done.Status));
        var note = Assert.Single(order.Notes);
        Assert.False(note.CustomerNote);
        Assert.Contains("Cancellation requested", note.Text);
        Assert.Contains("Ha encontrado otro sofá", note.Text);
        Assert.Equal("processing", order.Status);
        Assert.Contains($"POST /wp-json/wc/v3/orders/{order.Id}/notes", _shop.Requests);
        Assert.DoesNotContain(_shop.Requests, r => r.StartsWith("PUT", StringComparison.Ordinal));

        await using var db = _app.OpenDatabase();
        var data = await db.QuerySingleAsync<string>(
            "SELECT data FROM conversation_events WHERE conversation_id = @Id AND type = 'order.cancellation_requested'", new { Id = thread.ConversationId });
        Assert.Contains("\"number\":\"WEB-1001\"", data);
        Assert.Contains("\"rule\":\"note\"", data);
        var line = Assert.Single(await _admin.GetJsonAsync<List<ActivityDto>>(Routes.ConversationActivity(thread.ConversationId)),
            a => a.Type == EventTypes.OrderCancellationRequested);
        Assert.Equal(("WEB-1001", "Ha encontrado otro sofá"), (line.OrderNumber, line.Reason));
    }

    [Fact]
    public async Task A_cancellation_request_by_status_cancels_an_open_order_but_not_a_completed_one_nor_someone_elses()
    {
        await _admin.ConnectedShopAsync(_shop, CancellationRule.Status);
        var (thread, phone, email) = await CustomerAsync();
        var open = _shop.AddOrder("on-hold", email: email, createdGmt: DateTime.UtcNow.AddDays(-1));
        var completed = _shop.AddOrder("completed", phone: phone, createdGmt: DateTime.UtcNow.AddDays(-20));
        var someoneElses = _shop.AddOrder("processing", email: $"other-{email}");
        var before = await _admin.GetJsonAsync<ContactOrdersDto>(Routes.ContactOrders(thread.ContactId));
        Assert.Equal(OrderStatus.OnHold, before.Orders.Single(o => o.Number == open.Number).Status);

        var cancelled = await (await _admin.RequestCancellationAsync(thread.ContactId, open.Number, thread.ConversationId)).ReadJsonOrDumpAsync<OrderCancellationDto>();
        var tooLate = await _admin.RequestCancellationAsync(thread.ContactId, completed.Number, thread.ConversationId);
        var notHers = await _admin.RequestCancellationAsync(thread.ContactId, someoneElses.Number, thread.ConversationId);
        var builtIn = await _admin.RequestCancellationAsync(thread.ContactId, open.Number, source: "inbox");

        Assert.Equal((CancellationRule.Status, OrderStatus.Cancelled), (cancelled.Rule, cancelled.Status));
        Assert.Equal("cancelled", open.Status);
        Assert.Contains($"PUT /wp-json/wc/v3/orders/{open.Id}", _shop.Requests);
        Assert.Contains("only pending, processing or on-hold", await tooLate.AssertStatusAsync(HttpStatusCode.Conflict));
        Assert.Equal("completed", completed.Status);
        await notHers.AssertStatusAsync(HttpStatusCode.NotFound);
        Assert.Equal("processing", someoneElses.Status);
        Assert.Contains("source", await builtIn.AssertStatusAsync(HttpStatusCode.BadRequest));
        Assert.DoesNotContain(_shop.Requests, r => r.StartsWith($"PUT /wp-json/wc/v3/orders/{completed.Id}", StringComparison.Ordinal));

        // The panel shows the order's new state at once, not the cached one.
        var after = await _admin.GetJsonAsync<ContactOrdersDto>(Routes.ContactOrders(thread.ContactId));
        Assert.Equal(OrderStatus.Cancelled, after.Orders.Single(o => o.Number == open.Number).Status);
        await using var db = _app.OpenDatabase();
        Assert.Equal(1, await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM conversation_events WHERE conversation_id = @Id AND type = 'order.cancellation_requested'", new { Id = thread.ConversationId }));
    }
}
