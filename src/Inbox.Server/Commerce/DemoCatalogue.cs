using Inbox.Contracts;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Commerce;

/// <summary>
/// A small Spanish furniture retailer, "Casa Olmo": four shops in four cities and a warehouse. The green velvet
/// Chester sofa is in stock only in Valencia (one unit); the blue one is everywhere. Lucía Martín (Madrid) has orders
/// under her email and under her phone, so the panel shows both once she writes on either channel.
/// </summary>
public static class DemoCatalogue
{
    public const string GreenSofaSku = "SOF-CHES3-VERDE";
    public const string BlueSofaSku = "SOF-CHES3-AZUL";
    public const string CustomerEmail = "lucia.martin@example.com";
    public const string CustomerPhone = "+34612345678";

    public static CatalogueImportRequest Build(DateTimeOffset now)
    {
        const string hours = "L-S 10:00-21:00";
        LocationImport[] locations =
        [
            new("MAD-CENTRO", "Casa Olmo Madrid Centro", LocationKind.Shop, "Madrid", "Calle de Fuencarral 45, 28004 Madrid", hours, "madrid.centro@casaolmo.example"),
            new("BCN-EIXAMPLE", "Casa Olmo Barcelona Eixample", LocationKind.Shop, "Barcelona", "Carrer d'Aragó 230, 08007 Barcelona", hours, "barcelona@casaolmo.example"),
            new("VLC-RUZAFA", "Casa Olmo Valencia Ruzafa", LocationKind.Shop, "Valencia", "Carrer de Sueca 12, 46006 Valencia", hours, "valencia@casaolmo.example"),
            new("SVQ-TRIANA", "Casa Olmo Sevilla Triana", LocationKind.Shop, "Sevilla", "Calle San Jacinto 30, 41010 Sevilla", "L-V 10:00-20:30, S 10:00-14:00", "sevilla@casaolmo.example"),
            new("ZAZ-ALMACEN", "Almacén central Zaragoza", LocationKind.Warehouse, "Zaragoza", "Polígono PLA-ZA, Calle Osca 8, 50197 Zaragoza", "L-V 08:00-17:00", "almacen@casaolmo.example"),
        ];
        ProductImport[] products =
        [
            new(GreenSofaSku, "Sofá Chester 3 plazas", 1290m, "EUR", new Dictionary<string, string> { ["colour"] = "verde", ["material"] = "terciopelo" }, "https://images.casaolmo.example/sofa-chester-verde.jpg"),
            new(BlueSofaSku, "Sofá Chester 3 plazas", 1290m, "EUR", new Dictionary<string, string> { ["colour"] = "azul", ["material"] = "terciopelo" }, "https://images.casaolmo.example/sofa-chester-azul.jpg"),
            new("SOF-NORD2-GRIS", "Sofá Nord 2 plazas", 749m, "EUR", new Dictionary<string, string> { ["colour"] = "gris", ["material"] = "lino" }, "https://images.casaolmo.example/sofa-nord-gris.jpg"),
            new("MES-ROBLE-180", "Mesa de comedor extensible 180", 590m, "EUR", new Dictionary<string, string> { ["colour"] = "roble natural", ["material"] = "madera de roble" }, "https://images.casaolmo.example/mesa-roble.jpg"),
            new("SIL-LUNA-VERDE", "Silla Luna tapizada", 119m, "EUR", new Dictionary<string, string> { ["colour"] = "verde", ["material"] = "terciopelo" }, "https://images.casaolmo.example/silla-luna-verde.jpg"),
            new("LAM-ARCO-LATON", "Lámpara de pie Arco", 189m, "EUR", new Dictionary<string, string> { ["colour"] = "latón", ["material"] = "metal" }, "https://images.casaolmo.example/lampara-arco.jpg"),
        ];
        StockImport[] stock =
        [
            new(GreenSofaSku, "VLC-RUZAFA", 1),
            new(GreenSofaSku, "MAD-CENTRO", 0),
            new(GreenSofaSku, "BCN-EIXAMPLE", 0),
            new(GreenSofaSku, "ZAZ-ALMACEN", 0),
            new(BlueSofaSku, "MAD-CENTRO", 3),
            new(BlueSofaSku, "BCN-EIXAMPLE", 2),
            new(BlueSofaSku, "VLC-RUZAFA", 1),
            new(BlueSofaSku, "SVQ-TRIANA", 2),
            new(BlueSofaSku, "ZAZ-ALMACEN", 12),
            new("SOF-NORD2-GRIS", "MAD-CENTRO", 2),
            new("SOF-NORD2-GRIS", "SVQ-TRIANA", 1),
            new("MES-ROBLE-180", "MAD-CENTRO", 4),
            new("MES-ROBLE-180", "BCN-EIXAMPLE", 1),
            new("MES-ROBLE-180", "ZAZ-ALMACEN", 20),
            new("SIL-LUNA-VERDE", "MAD-CENTRO", 8),
            new("SIL-LUNA-VERDE", "VLC-RUZAFA", 6),
            new("SIL-LUNA-VERDE", "ZAZ-ALMACEN", 40),
            new("LAM-ARCO-LATON", "BCN-EIXAMPLE", 3),
            new("LAM-ARCO-LATON", "SVQ-TRIANA", 2),
        ];
        var day = TimeSpan.FromDays(1);
        OrderImport[] orders =
        [
            new("CO-10231", OrderStatus.Processing, [new("MES-ROBLE-180", "Mesa de comedor extensible 180", 1, 590m), new("SIL-LUNA-VERDE", "Silla Luna tapizada", 4, 119m)],
                1066m, now - 3 * day, "EUR", FulfilmentStatus.Shipped, "Lucía Martín", CustomerEmail, null,
                "https://tracking.example/seur/CO-10231", null, "Madrid"),
            new("CO-10102", OrderStatus.Completed, [new("LAM-ARCO-LATON", "Lámpara de pie Arco", 1, 189m)],
                189m, now - 40 * day, "EUR", FulfilmentStatus.PickedUp, "Lucía Martín", null, CustomerPhone, null, "MAD-CENTRO", "Madrid"),
            new("CO-10250", OrderStatus.Pending, [new("SOF-NORD2-GRIS", "Sofá Nord 2 plazas", 1, 749m)],
                749m, now - day, "EUR", FulfilmentStatus.Unfulfilled, "Jordi Puig", "jordi.puig@example.com", "+34699111222", null, null, "Barcelona"),
        ];
        return new CatalogueImportRequest(locations, products, stock, orders);
    }
}

/// <summary>Fills an empty catalogue with <see cref="DemoCatalogue"/> at start-up when <c>Inbox:Commerce:SeedDemo</c> is on.
/// Never over a catalogue that has data: the import is an upsert, but it would reset stock counts.</summary>
public sealed partial class DemoCatalogueSeeder(CatalogueStore catalogue, CatalogueImport import, IOptions<CommerceOptions> options, TimeProvider time,
    ILogger<DemoCatalogueSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemo || !await catalogue.IsEmptyAsync(cancellationToken)) return;
        var result = await import.ImportAsync(DemoCatalogue.Build(time.GetUtcNow()), cancellationToken);
        if (result.Error is not null) throw new InvalidOperationException($"The demo catalogue does not import: {result.Field} {result.Message}");
        LogSeeded(result.Value!.Products, result.Value.Locations);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo catalogue: {Products} products at {Locations} locations")]
    private partial void LogSeeded(int products, int locations);
}
