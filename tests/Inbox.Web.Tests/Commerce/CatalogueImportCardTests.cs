using System.Net;
using Inbox.Contracts;
using Inbox.Web.Commerce;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests.Commerce;

/// <summary>The admin imports a spreadsheet: a CSV goes to the CSV import, JSON to the JSON one; the counts or the
/// server's line-naming problem are shown.</summary>
public sealed class CatalogueImportCardTests : ConsoleTestContext
{
    public CatalogueImportCardTests() => SignInAsAdmin();

    [Fact]
    public void A_csv_is_imported_as_csv_and_its_counts_are_shown()
    {
        Http.OnJson(HttpMethod.Post, Routes.CommerceImportCsv, new CatalogueImportResultDto(0, 2, 4, 0));
        var cut = Render<CatalogueImportCard>();

        cut.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(
            InputFileContent.CreateFromText("sku;name;price;stock:VLC\nMESA-1;Mesa;1.249,50;3\n", "catalogo.csv"));

        cut.WaitForAssertion(() => Assert.Contains("catalogo.csv: 2 products, 4 stock counts", cut.Find(".catalogue-import-done").TextContent));
        var sent = Assert.Single(Http.Requests, r => r.Method == HttpMethod.Post && r.PathAndQuery == Routes.CommerceImportCsv);
        Assert.StartsWith("sku;name;price", sent.Body);
    }

    [Fact]
    public void A_json_file_goes_to_the_json_import_and_a_refusal_says_which_line()
    {
        Http.OnJson(HttpMethod.Post, Routes.CommerceImport, new { title = "The request has invalid fields: csv", status = 400,
            errors = new Dictionary<string, string[]> { ["products[0].price"] = ["Price is 0 or more."] } }, HttpStatusCode.BadRequest);
        var cut = Render<CatalogueImportCard>();

        cut.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(
            InputFileContent.CreateFromText("""{"products":[{"sku":"X","name":"Y","price":-1}]}""", "catalogo.json"));

        cut.WaitForAssertion(() => Assert.Contains("Nothing was imported: Price is 0 or more.", cut.Find(".catalogue-import-failed").TextContent));
        Assert.Single(Http.Requests, r => r.Method == HttpMethod.Post && r.PathAndQuery == Routes.CommerceImport);
    }
}
