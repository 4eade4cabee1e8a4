using System.Data.Common;
using System.Text.Json;
using Dapper;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Server.Api;
using Inbox.Server.Data;
using Inbox.Server.Messaging;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Commerce;

/// <summary>
/// Loads locations, products, stock and orders into the built-in catalogue (admin import, demo data). Everything is
/// checked first (every bad field in one 400), then written in one transaction as upserts keyed by location code, SKU,
/// (SKU, location) and order number: the same file twice changes nothing, a corrected file corrects.
/// </summary>
public sealed class CatalogueImport(IDbConnectionFactory db, IOptions<MessagingOptions> messaging, TimeProvider time)
{
    public const int MaxRows = 10_000;

    public async Task<Outcome<CatalogueImportResultDto>> ImportAsync(CatalogueImportRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        void Check(bool ok, string field, string message)
        {
            if (!ok) errors.TryAdd(field, [message]);
        }

        var locations = request.Locations ?? [];
        var products = request.Products ?? [];
        var stock = request.Stock ?? [];
        var orders = request.Orders ?? [];
        Check(locations.Count <= MaxRows, "locations", $"At most {MaxRows} locations per import.");
        Check(products.Count <= MaxRows, "products", $"At most {MaxRows} products per import.");
        Check(stock.Count <= MaxRows, "stock", $"At most {MaxRows} stock rows per import.");
        Check(orders.Count <= MaxRows, "orders", $"At most {MaxRows} orders per import.");
        if (errors.Count > 0) return Outcome<CatalogueImportResultDto>.Invalid(errors);

        for (var i = 0; i < locations.Count; i++)
        {
            var l = locations[i];
            Check(l is not null, $"locations[{i}]", "A location is an object.");
            if (l is null) continue;
            Check(IsKey(l.Code), $"locations[{i}].code", "Code is 1 to 64 characters.");
            Check(IsText(l.Name, 200), $"locations[{i}].name", "Name is 1 to 200 characters.");
            Check(l.ContactEmail is null || ChannelAddress.TryEmail(l.ContactEmail, out _), $"locations[{i}].contactEmail", "Not a valid email address.");
            Check(Optional(l.City, 100) && Optional(l.Address, 300) && Optional(l.OpeningHours, 300), $"locations[{i}]", "City (100), address and opening hours (300) are too long.");
        }
        Check(locations.Where(l => l is not null).Select(l => l.Code).Distinct().Count() == locations.Count(l => l is not null), "locations", "A location code appears twice.");
        for (var i = 0; i < products.Count; i++)
        {
            var p = products[i];
            Check(p is not null, $"products[{i}]", "A product is an object.");
            if (p is null) continue;
            Check(IsKey(p.Sku), $"products[{i}].sku", "SKU is 1 to 64 characters.");
            Check(IsText(p.Name, 200), $"products[{i}].name", "Name is 1 to 200 characters.");
            Check(p.Price is >= 0 and <= 100_000_000, $"products[{i}].price", "Price is between 0 and 100000000.");
            Check(IsCurrency(p.Currency), $"products[{i}].currency", "Currency is a three-letter ISO 4217 code, e.g. EUR.");
            Check(p.Attributes is null || (p.Attributes.Count <= 20 && p.Attributes.All(a => IsText(a.Key, 50) && IsText(a.Value, 100))),
                $"products[{i}].attributes", "At most 20 attributes, names up to 50 and values up to 100 characters.");
            Check(p.ImageUrl is null || IsHttpUrl(p.ImageUrl), $"products[{i}].imageUrl", "Image URL is an absolute http(s) URL.");
        }
        Check(products.Where(p => p is not null).Select(p => p.Sku).Distinct().Count() == products.Count(p => p is not null), "products", "A SKU appears twice.");
        for (var i = 0; i < stock.Count; i++)
        {
            var s = stock[i];
            Check(s is not null, $"stock[{i}]", "A stock row is an object.");
            if (s is null) continue;
            Check(IsKey(s.Sku), $"stock[{i}].sku", "SKU is 1 to 64 characters.");
            Check(IsKey(s.Location), $"stock[{i}].location", "Location is a location code.");
            Check(s.OnHand is >= 0 and <= 1_000_000, $"stock[{i}].onHand", "On hand is between 0 and 1000000.");
        }
        var orderRows = new List<(OrderImport Order, string? Email, string? Phone)>();
        for (var i = 0; i < orders.Count; i++)
        {
            var o = orders[i];
            Check(o is not null, $"orders[{i}]", "An order is an object.");
            if (o is null) continue;
            Check(IsKey(o.Number), $"orders[{i}].number", "Number is 1 to 64 characters.");
            Check(o.Items is { Count: > 0 and <= 200 } && o.Items.All(it => it is not null && IsKey(it.Sku) && IsText(it.Name, 200) && it.Quantity > 0 && it.UnitPrice >= 0),
                $"orders[{i}].items", "An order has 1 to 200 items, each with SKU, name, a positive quantity and a unit price.");
            Check(o.Total is >= 0 and <= 100_000_000, $"orders[{i}].total", "Total is between 0 and 100000000.");
            Check(IsCurrency(o.Currency), $"orders[{i}].currency", "Currency is a three-letter ISO 4217 code, e.g. EUR.");
            Check(o.TrackingUrl is null || IsHttpUrl(o.TrackingUrl), $"orders[{i}].trackingUrl", "Tracking URL is an absolute http(s) URL.");
            Check(Optional(o.CustomerName, 200) && Optional(o.ShippingCity, 100), $"orders[{i}]", "Customer name (200) or shipping city (100) is too long.");
            string? email = null, phone = null;
            if (!string.IsNullOrWhiteSpace(o.CustomerEmail))
            {
                Check(ChannelAddress.TryEmail(o.CustomerEmail, out var e), $"orders[{i}].customerEmail", "Not a valid email address.");
                email = e?.Value;
            }
            if (!string.IsNullOrWhiteSpace(o.CustomerPhone))
            {
                Check(ChannelAddress.TryPhone(o.CustomerPhone, messaging.Value.DefaultPhoneRegion, out var ph), $"orders[{i}].customerPhone", "Not a valid phone number.");
                phone = ph?.Value;
            }
            orderRows.Add((o, email, phone));
        }
        if (errors.Count > 0) return Outcome<CatalogueImportResultDto>.Invalid(errors);

        var now = time.GetUtcNow();
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        foreach (var l in locations)
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO commerce_locations (code, name, kind, city, address, opening_hours, contact_email, created_at, updated_at)
                VALUES (@Code, @Name, @Kind, @City, @Address, @OpeningHours, @ContactEmail, @Now, @Now)
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, city = excluded.city, address = excluded.address,
                    opening_hours = excluded.opening_hours, contact_email = excluded.contact_email, updated_at = excluded.updated_at
                """, new
                {
                    Code = l.Code.Trim(), Name = l.Name.Trim(), Kind = l.Kind.ToDb(), City = Trimmed(l.City), Address = Trimmed(l.Address),
                    OpeningHours = Trimmed(l.OpeningHours), ContactEmail = Trimmed(l.ContactEmail), Now = now,
                }, tx, cancellationToken: ct));
        foreach (var p in products)
        {
            var attributes = p.Attributes ?? new Dictionary<string, string>();
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO commerce_products (sku, name, attributes, price_minor, currency, image_url, search_text, created_at, updated_at)
                VALUES (@Sku, @Name, @Attributes, @PriceMinor, @Currency, @ImageUrl, @SearchText, @Now, @Now)
                ON CONFLICT (sku) DO UPDATE SET name = excluded.name, attributes = excluded.attributes, price_minor = excluded.price_minor,
                    currency = excluded.currency, image_url = excluded.image_url, search_text = excluded.search_text, updated_at = excluded.updated_at
                """, new
                {
                    Sku = p.Sku.Trim(), Name = p.Name.Trim(), Attributes = JsonSerializer.Serialize(attributes, CatalogueStore.Json),
                    PriceMinor = Money.ToMinor(p.Price), Currency = p.Currency.ToUpperInvariant(), p.ImageUrl,
                    SearchText = SearchText.Fold(string.Join(' ', [p.Sku, p.Name, .. attributes.Values])), Now = now,
                }, tx, cancellationToken: ct));
        }
        for (var i = 0; i < stock.Count; i++)
        {
            var s = stock[i];
            var productId = await IdOfAsync(c, tx, "SELECT id FROM commerce_products WHERE sku = @Key", s.Sku.Trim(), ct);
            var locationId = await IdOfAsync(c, tx, "SELECT id FROM commerce_locations WHERE code = @Key", s.Location.Trim(), ct);
            if (productId is null) errors.TryAdd($"stock[{i}].sku", [$"There is no product with SKU '{s.Sku}'."]);
            if (locationId is null) errors.TryAdd($"stock[{i}].location", [$"There is no location with code '{s.Location}'."]);
            if (productId is null || locationId is null) continue;
            // Reserved units are on hand by definition: a count below them would sell what a customer was promised.
            var written = await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO commerce_stock (product_id, location_id, on_hand, reserved, updated_at) VALUES (@ProductId, @LocationId, @OnHand, 0, @Now)
                ON CONFLICT (product_id, location_id) DO UPDATE SET on_hand = excluded.on_hand, updated_at = excluded.updated_at
                WHERE commerce_stock.reserved <= excluded.on_hand
                """, new { ProductId = productId, LocationId = locationId, s.OnHand, Now = now }, tx, cancellationToken: ct));
            if (written == 0)
                errors.TryAdd($"stock[{i}].onHand", [$"{s.Sku} at {s.Location}: {s.OnHand} on hand is fewer than the units reserved there; release reservations first."]);
        }
        for (var i = 0; i < orderRows.Count; i++)
        {
            var (o, email, phone) = orderRows[i];
            long? locationId = null;
            if (!string.IsNullOrWhiteSpace(o.Location))
            {
                locationId = await IdOfAsync(c, tx, "SELECT id FROM commerce_locations WHERE code = @Key", o.Location.Trim(), ct);
                if (locationId is null) { errors.TryAdd($"orders[{i}].location", [$"There is no location with code '{o.Location}'."]); continue; }
            }
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO commerce_orders (number, status, fulfilment, customer_name, customer_email, customer_phone, items, total_minor, currency,
                    tracking_url, location_id, shipping_city, placed_at, updated_at)
                VALUES (@Number, @Status, @Fulfilment, @CustomerName, @Email, @Phone, @Items, @TotalMinor, @Currency, @TrackingUrl, @LocationId,
                    @ShippingCity, @PlacedAt, @Now)
                ON CONFLICT (number) DO UPDATE SET status = excluded.status, fulfilment = excluded.fulfilment, customer_name = excluded.customer_name,
                    customer_email = excluded.customer_email, customer_phone = excluded.customer_phone, items = excluded.items,
                    total_minor = excluded.total_minor, currency = excluded.currency, tracking_url = excluded.tracking_url,
                    location_id = excluded.location_id, shipping_city = excluded.shipping_city, placed_at = excluded.placed_at, updated_at = excluded.updated_at
                """, new
                {
                    Number = o.Number.Trim(), Status = o.Status.ToDb(), Fulfilment = o.Fulfilment.ToDb(), CustomerName = Trimmed(o.CustomerName), Email = email,
                    Phone = phone, Items = JsonSerializer.Serialize(o.Items, CatalogueStore.Json), TotalMinor = Money.ToMinor(o.Total),
                    Currency = o.Currency.ToUpperInvariant(), o.TrackingUrl, LocationId = locationId, ShippingCity = Trimmed(o.ShippingCity),
                    PlacedAt = o.PlacedAt.ToUniversalTime(), Now = now,
                }, tx, cancellationToken: ct));
        }
        if (errors.Count > 0) return Outcome<CatalogueImportResultDto>.Invalid(errors);
        await tx.CommitAsync(ct);
        return Outcome<CatalogueImportResultDto>.Ok(new CatalogueImportResultDto(locations.Count, products.Count, stock.Count, orders.Count));
    }

    private static async Task<long?> IdOfAsync(DbConnection c, DbTransaction tx, string sql, string key, CancellationToken ct) =>
        await c.ExecuteScalarAsync<long?>(new CommandDefinition(sql, new { Key = key }, tx, cancellationToken: ct));

    private static bool IsKey(string? s) => !string.IsNullOrWhiteSpace(s) && s.Trim().Length <= 64;

    private static bool IsText(string? s, int max) => !string.IsNullOrWhiteSpace(s) && s.Trim().Length <= max;

    private static bool Optional(string? s, int max) => s is null || s.Trim().Length <= max;

    private static bool IsCurrency(string? s) => s is { Length: 3 } && s.All(char.IsAsciiLetter);

    private static bool IsHttpUrl(string s) => s.Length <= 2000 && Uri.TryCreate(s, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp);

    private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
