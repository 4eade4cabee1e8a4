using System.Net;
using System.Text;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Commerce;

/// <summary>A shop admin imports products and stock from a spreadsheet: commas or a Spanish spreadsheet's semicolons and
/// decimal commas, attribute columns, stock per branch code; a bad row is a 400 naming its line, and nothing is written.</summary>
public sealed class CatalogueCsvTests(SharedInbox shared) : SharedInboxTest(shared)
{
    private Task<HttpResponseMessage> ImportAsync(string csv) =>
        Admin.PostAsync(Routes.CommerceImportCsv, new StringContent(csv, Encoding.UTF8, "text/csv"));

    [Fact]
    public async Task A_spanish_spreadsheet_fills_products_attributes_and_stock_per_branch()
    {
        var catalogue = await Admin.ImportSofaAsync(valencia: 0);
        var sku = $"MESA-{catalogue.Suffix}";
        var csv = $"""
            sku;name;price;currency;colour;stock:{catalogue.Valencia.Code};stock:{catalogue.Madrid.Code}
            {sku};"Mesa ""Olmo"" extensible";1.249,50;EUR;roble;3;0
            {catalogue.SofaSku};Sofá Chester;1290;EUR;verde;2;1
            """;

        var result = await (await ImportAsync(csv)).ReadJsonOrDumpAsync<CatalogueImportResultDto>();

        Assert.Equal((0, 2, 4), (result.Locations, result.Products, result.Stock));
        var table = (await Admin.GetJsonAsync<ProductSearchDto>($"{Routes.CommerceProducts}?q={sku}")).Products.Single();
        Assert.Equal(("Mesa \"Olmo\" extensible", 1249.50m, "roble"), (table.Name, table.Price, table.Attributes["colour"]));
        Assert.Equal(3, (await Admin.StockAtAsync(table.Id, catalogue.Valencia.Id)).OnHand);
        Assert.Equal(1, (await Admin.StockAtAsync(catalogue.Sofa.Id, catalogue.Madrid.Id)).OnHand);
    }

    [Fact]
    public async Task A_bad_row_names_its_line_and_nothing_is_written()
    {
        var catalogue = await Admin.ImportSofaAsync(valencia: 1);
        var csv = $"""
            sku,name,price,stock:{catalogue.Valencia.Code}
            NEW-{catalogue.Suffix},Butaca,349,2
            {catalogue.SofaSku},Sofá Chester,mil,5
            """;

        var problem = await (await ImportAsync(csv)).AssertStatusAsync(HttpStatusCode.BadRequest);

        Assert.Contains("Line 3: the price 'mil' is not a number.", problem);
        Assert.Empty((await Admin.GetJsonAsync<ProductSearchDto>($"{Routes.CommerceProducts}?q=NEW-{catalogue.Suffix}")).Products);
        Assert.Equal(1, (await Admin.StockAtAsync(catalogue.Sofa.Id, catalogue.Valencia.Id)).OnHand);
        Assert.Contains("no 'price' column", await (await ImportAsync("sku,name\nX,Y")).AssertStatusAsync(HttpStatusCode.BadRequest));
        var agent = await App.CreateAgentAsync(Admin, $"csv-{Guid.NewGuid():N}@shop.test");
        await (await agent.Client.PostAsync(Routes.CommerceImportCsv, new StringContent(csv, Encoding.UTF8, "text/csv"))).AssertStatusAsync(HttpStatusCode.Forbidden);
    }
}
