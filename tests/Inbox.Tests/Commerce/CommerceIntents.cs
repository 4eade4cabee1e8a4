using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Commerce;

/// <summary>A small catalogue of its own per test (codes and SKUs carry a fresh suffix), so tests sharing a server never
/// see each other's stock.</summary>
public sealed record TestCatalogue(string Suffix, LocationDto Madrid, LocationDto Valencia, ProductDto Sofa)
{
    public string SofaSku => Sofa.Sku;
}

public static class CommerceIntents
{
    /// <summary>Two shops (Madrid, Valencia) and a green velvet sofa: <paramref name="madrid"/> units in Madrid, <paramref name="valencia"/> in Valencia.</summary>
    public static async Task<TestCatalogue> ImportSofaAsync(this HttpClient admin, int madrid = 0, int valencia = 1)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var request = new CatalogueImportRequest(
            Locations:
            [
                new($"MAD-{suffix}", $"Madrid Centro {suffix}", LocationKind.Shop, "Madrid", "Calle de Fuencarral 45", "L-S 10:00-21:00", $"madrid-{suffix}@shop.test"),
                new($"VLC-{suffix}", $"Valencia Ruzafa {suffix}", LocationKind.Shop, "Valencia", "Carrer de Sueca 12", "L-S 10:00-21:00", $"valencia-{suffix}@shop.test"),
            ],
            Products:
            [
                new($"SOFA-{suffix}", $"Sofá Chester {suffix}", 1290m, "EUR", new Dictionary<string, string> { ["colour"] = "verde", ["material"] = "terciopelo" }),
            ],
            Stock: [new($"SOFA-{suffix}", $"MAD-{suffix}", madrid), new($"SOFA-{suffix}", $"VLC-{suffix}", valencia)]);
        (await admin.PostAsJsonAsync(Routes.CommerceImport, request)).EnsureSuccessOrDump();
        var locations = await admin.GetJsonAsync<List<LocationDto>>(Routes.CommerceLocations);
        var found = await admin.GetJsonAsync<ProductSearchDto>($"{Routes.CommerceProducts}?q=SOFA-{suffix}");
        return new TestCatalogue(suffix, locations.Single(l => l.Code == $"MAD-{suffix}"), locations.Single(l => l.Code == $"VLC-{suffix}"), found.Products.Single());
    }

    public static async Task<StockDto> StockAtAsync(this HttpClient client, long productId, long locationId) =>
        (await client.GetJsonAsync<ProductDto>($"{Routes.CommerceProducts}/{productId}")).Stock.Single(s => s.LocationId == locationId);

    public static Task<HttpResponseMessage> ReserveAsync(this HttpClient client, long conversationId, long productId, long locationId, int quantity = 1) =>
        client.PostAsJsonAsync(Routes.ConversationReservations(conversationId), new CreateReservationRequest(productId, locationId, quantity));
}
