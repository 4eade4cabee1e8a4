using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Commerce;

/// <summary>The built-in catalogue beside the thread: import, product search with stock per branch, the contact's orders.</summary>
public sealed class CommerceCatalogueTests(SharedInbox shared) : SharedInboxTest(shared)
{
    [Fact]
    public async Task A_search_by_colour_finds_the_sofa_with_stock_per_branch_and_the_customers_city_first()
    {
        var catalogue = await Admin.ImportSofaAsync(madrid: 0, valencia: 1);

        var inValencia = await Admin.GetJsonAsync<ProductSearchDto>($"{Routes.CommerceProducts}?q={Uri.EscapeDataString($"sofa verde {catalogue.Suffix}")}&city=valencia");
        var inMadrid = await Admin.GetJsonAsync<ProductSearchDto>($"{Routes.CommerceProducts}?q={Uri.EscapeDataString($"TERCIOPELO chester {catalogue.Suffix}")}&city=Madrid");

        var sofa = Assert.Single(inValencia.Products);
        Assert.Equal(catalogue.SofaSku, sofa.Sku);
        Assert.Equal("verde", sofa.Attributes["colour"]);
        Assert.Equal(1290m, sofa.Price);
        Assert.Equal("inbox", sofa.Source);
        Assert.Equal([catalogue.Valencia.Id, catalogue.Madrid.Id], sofa.Stock.Select(s => s.LocationId));
        Assert.Equal((1, 0, 1), (sofa.Stock[0].OnHand, sofa.Stock[0].Reserved, sofa.Stock[0].Available));
        Assert.Equal([catalogue.Madrid.Id, catalogue.Valencia.Id], Assert.Single(inMadrid.Products).Stock.Select(s => s.LocationId));
        Assert.Equal("Madrid", inMadrid.City);
        Assert.Empty(inMadrid.Unavailable);
    }

    [Fact]
    public async Task A_search_for_a_colour_nobody_sells_finds_nothing_and_a_one_letter_search_is_refused()
    {
        var catalogue = await Admin.ImportSofaAsync();

        var none = await Admin.GetJsonAsync<ProductSearchDto>($"{Routes.CommerceProducts}?q={Uri.EscapeDataString($"sofa azul {catalogue.Suffix}")}");
        var tooShort = await Admin.GetAsync($"{Routes.CommerceProducts}?q=s");

        Assert.Empty(none.Products);
        Assert.Contains("at least 2 characters", await tooShort.AssertStatusAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task The_contacts_orders_are_found_by_every_phone_and_email_they_have_on_any_channel()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var phone = $"+346{Random.Shared.Next(10_000_000, 99_999_999)}";
        var email = $"lucia-{suffix}@shop.test";
        var byPhone = await App.PushAcceptedAsync(Channel, $"o-{suffix}-1", phone, "¿Dónde está mi pedido?");
        var otherChannel = await App.CreateApiChannelAsync(Admin, name: $"Email {suffix}");
        var byEmail = await App.PushAcceptedAsync(otherChannel, $"o-{suffix}-2", email.ToUpperInvariant(), "Pedido", kind: "email");
        (await Admin.PostAsJsonAsync(Routes.ContactMerge(byPhone.ContactId), new MergeContactsRequest(byEmail.ContactId))).EnsureSuccessOrDump();
        var local = phone[3..]; // written the Spanish way, without +34: the import normalises it as contacts do
        (await Admin.PostAsJsonAsync(Routes.CommerceImport, new CatalogueImportRequest(Orders:
        [
            new($"N-{suffix}-1", OrderStatus.Processing, [new("MESA-1", "Mesa", 1, 590m)], 590m, DateTimeOffset.UtcNow.AddDays(-2),
                Fulfilment: FulfilmentStatus.Shipped, CustomerEmail: email, TrackingUrl: "https://tracking.example/N1", ShippingCity: "Valencia"),
            new($"N-{suffix}-2", OrderStatus.Completed, [new("LAMP-1", "Lámpara", 2, 94.5m)], 189m, DateTimeOffset.UtcNow.AddDays(-30), CustomerPhone: local),
            new($"N-{suffix}-3", OrderStatus.Pending, [new("SILLA", "Silla", 1, 119m)], 119m, DateTimeOffset.UtcNow, CustomerEmail: $"someone-else-{suffix}@shop.test"),
        ]))).EnsureSuccessOrDump();

        var found = await Admin.GetJsonAsync<ContactOrdersDto>(Routes.ContactOrders(byPhone.ContactId));

        Assert.Equal([$"N-{suffix}-1", $"N-{suffix}-2"], found.Orders.Select(o => o.Number));
        Assert.Equal([email], found.Emails);
        Assert.Equal([phone], found.Phones);
        var shipped = found.Orders[0];
        Assert.Equal((OrderStatus.Processing, FulfilmentStatus.Shipped, "https://tracking.example/N1"), (shipped.Status, shipped.Fulfilment, shipped.TrackingUrl));
        Assert.Equal(94.5m, found.Orders[1].Items.Single().UnitPrice);
        Assert.Empty(found.Unavailable);

        // The city of her latest order puts Valencia first when she asks for a product.
        var catalogue = await Admin.ImportSofaAsync(madrid: 2, valencia: 1);
        var search = await Admin.GetJsonAsync<ProductSearchDto>($"{Routes.CommerceProducts}?q=SOFA-{catalogue.Suffix}&contactId={byPhone.ContactId}");
        Assert.Equal("Valencia", search.City);
        Assert.Equal(catalogue.Valencia.Id, search.Products.Single().Stock[0].LocationId);
    }

    [Fact]
    public async Task Orders_of_a_contact_the_agent_cannot_see_are_not_found()
    {
        var agent = await App.CreateAgentAsync(Admin, $"orders-{Guid.NewGuid():N}@shop.test");
        var team = await Admin.CreateTeamAsync($"Postventa {Guid.NewGuid():N}");
        var inbound = await App.PushAcceptedAsync(Channel, $"o-{Guid.NewGuid():N}", "+34600777001", "Hola");
        await Admin.AssignAsync(inbound.ConversationId, null, team.Id);

        var response = await agent.Client.GetAsync(Routes.ContactOrders(inbound.ContactId));

        await response.AssertStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Importing_twice_changes_nothing_and_a_bad_file_says_every_field_that_is_wrong()
    {
        var catalogue = await Admin.ImportSofaAsync(madrid: 2);
        var again = new CatalogueImportRequest(Stock: [new(catalogue.SofaSku, catalogue.Madrid.Code, 2)]);
        (await Admin.PostAsJsonAsync(Routes.CommerceImport, again)).EnsureSuccessOrDump();
        (await Admin.PostAsJsonAsync(Routes.CommerceImport, again)).EnsureSuccessOrDump();

        var bad = await Admin.PostAsJsonAsync(Routes.CommerceImport, new CatalogueImportRequest(
            Products: [new("", "Sin SKU", -1m, "EURO")],
            Stock: [new("NO-SUCH-SKU", "NO-SUCH-PLACE", 1)]));
        var unknown = await Admin.PostAsJsonAsync(Routes.CommerceImport, new CatalogueImportRequest(Stock: [new("NO-SUCH-SKU", catalogue.Madrid.Code, 1)]));

        Assert.Equal(2, (await Admin.StockAtAsync(catalogue.Sofa.Id, catalogue.Madrid.Id)).OnHand);
        var body = await bad.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Contains("products[0].sku", body);
        Assert.Contains("products[0].price", body);
        Assert.Contains("products[0].currency", body);
        Assert.Contains("There is no product with SKU 'NO-SUCH-SKU'", await unknown.AssertStatusAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Only_admins_import_but_agents_search()
    {
        var agent = await App.CreateAgentAsync(Admin, $"import-{Guid.NewGuid():N}@shop.test");
        var catalogue = await Admin.ImportSofaAsync();

        var import = await agent.Client.PostAsJsonAsync(Routes.CommerceImport, new CatalogueImportRequest(Stock: [new(catalogue.SofaSku, catalogue.Madrid.Code, 50)]));
        var search = await agent.Client.GetJsonAsync<ProductSearchDto>($"{Routes.CommerceProducts}?q={catalogue.SofaSku}");

        await import.AssertStatusAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, search.Products.Single().Stock.Single(s => s.LocationId == catalogue.Madrid.Id).OnHand);
        await (await App.CreateClient().GetAsync(Routes.CommerceLocations)).AssertStatusAsync(HttpStatusCode.Unauthorized);
    }
}
