using System.Data.Common;
using System.Text.Json;
using Dapper;
using Inbox.Contracts;
using Inbox.Server.Data;

namespace Inbox.Server.Commerce;

/// <summary>Reads of the built-in catalogue: locations, products with their stock, orders by customer.</summary>
public sealed class CatalogueStore(IDbConnectionFactory db)
{
    public const string SourceName = "inbox";
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string LocationColumns = "id, code, name, kind, city, address, opening_hours, contact_email";

    public Task<DbConnection> OpenAsync(CancellationToken ct) => db.OpenAsync(ct);

    public async Task<IReadOnlyList<LocationDto>> ListLocationsAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<LocationRow>(new CommandDefinition(
            $"SELECT {LocationColumns} FROM commerce_locations ORDER BY city, name, id", cancellationToken: ct))).Select(r => r.ToDto()).ToList();
    }

    public async Task<LocationDto?> GetLocationAsync(DbConnection c, DbTransaction? tx, long id, CancellationToken ct) =>
        (await c.QuerySingleOrDefaultAsync<LocationRow>(new CommandDefinition(
            $"SELECT {LocationColumns} FROM commerce_locations WHERE id = @Id", new { Id = id }, tx, cancellationToken: ct)))?.ToDto();

    public async Task<bool> IsEmptyAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM commerce_locations", cancellationToken: ct)) == 0;
    }

    /// <summary>Products containing every word in their SKU, name or attribute values; an exact SKU first.</summary>
    public async Task<IReadOnlyList<ProductDto>> SearchProductsAsync(ProductQuery query, CancellationToken ct)
    {
        var words = SearchText.Words(query.Text);
        if (words.Count == 0) return [];
        var p = new DynamicParameters();
        var where = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            p.Add($"W{i}", SearchText.Contains(words[i]));
            where.Add($"search_text LIKE @W{i} ESCAPE '!'");
        }
        p.Add("Sku", query.Text.Trim());
        p.Add("Take", Math.Clamp(query.Limit, 1, 100));
        await using var c = await db.OpenAsync(ct);
        var rows = (await c.QueryAsync<ProductRow>(new CommandDefinition($"""
            SELECT id, sku, name, attributes, price_minor, currency, image_url FROM commerce_products
            WHERE sku = @Sku OR ({string.Join(" AND ", where)})
            ORDER BY CASE WHEN sku = @Sku THEN 0 ELSE 1 END, name, sku
            LIMIT @Take
            """, p, cancellationToken: ct))).ToList();
        return await WithStockAsync(c, null, rows, ct);
    }

    public async Task<ProductDto?> GetProductAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await GetProductAsync(c, null, id, ct);
    }

    public async Task<ProductDto?> GetProductAsync(DbConnection c, DbTransaction? tx, long id, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<ProductRow>(new CommandDefinition(
            "SELECT id, sku, name, attributes, price_minor, currency, image_url FROM commerce_products WHERE id = @Id", new { Id = id }, tx, cancellationToken: ct));
        return row is null ? null : (await WithStockAsync(c, tx, [row], ct))[0];
    }

    /// <summary>Units on hand and reserved of one product at one location; null when it was never stocked there.</summary>
    public async Task<StockLevel?> GetStockAsync(DbConnection c, DbTransaction? tx, long productId, long locationId, CancellationToken ct) =>
        await c.QuerySingleOrDefaultAsync<StockLevel>(new CommandDefinition(
            "SELECT on_hand, reserved FROM commerce_stock WHERE product_id = @ProductId AND location_id = @LocationId",
            new { ProductId = productId, LocationId = locationId }, tx, cancellationToken: ct));

    private async Task<IReadOnlyList<ProductDto>> WithStockAsync(DbConnection c, DbTransaction? tx, IReadOnlyList<ProductRow> products, CancellationToken ct)
    {
        if (products.Count == 0) return [];
        var stock = (await c.QueryAsync<StockRow>(new CommandDefinition($"""
            SELECT s.product_id, s.on_hand, s.reserved, l.id AS location_id, l.code, l.name, l.kind, l.city
            FROM commerce_stock s JOIN commerce_locations l ON l.id = s.location_id
            WHERE s.product_id {db.Dialect.In("@Ids")}
            ORDER BY l.name, l.id
            """, new { Ids = products.Select(r => r.Id).ToArray() }, tx, cancellationToken: ct))).ToLookup(s => s.ProductId);
        return products.Select(r => r.ToDto(stock[r.Id].Select(s => s.ToDto()).ToList())).ToList();
    }

    /// <summary>Orders of any of these emails or phones, newest first.</summary>
    public async Task<IReadOnlyList<OrderDto>> FindOrdersAsync(CustomerKeys customer, int limit, CancellationToken ct)
    {
        if (customer.IsEmpty) return [];
        await using var c = await db.OpenAsync(ct);
        // A list that is empty gets a value no order has, so both IN forms stay valid SQL.
        var rows = await c.QueryAsync<OrderRow>(new CommandDefinition($"""
            SELECT o.number, o.status, o.fulfilment, o.customer_name, o.customer_email, o.customer_phone, o.items, o.total_minor,
                   o.currency, o.tracking_url, o.location_id, l.name AS location_name, o.shipping_city, o.placed_at
            FROM commerce_orders o LEFT JOIN commerce_locations l ON l.id = o.location_id
            WHERE o.customer_email {db.Dialect.In("@Emails")} OR o.customer_phone {db.Dialect.In("@Phones")}
            ORDER BY o.placed_at DESC, o.id DESC
            LIMIT @Take
            """, new
            {
                Emails = customer.Emails.Count == 0 ? [""] : customer.Emails.ToArray(),
                Phones = customer.Phones.Count == 0 ? [""] : customer.Phones.ToArray(),
                Take = limit,
            }, cancellationToken: ct));
        return rows.Select(r => r.ToDto()).ToList();
    }

    public sealed class StockLevel
    {
        public int OnHand { get; set; }
        public int Reserved { get; set; }
        public int Available => Math.Max(0, OnHand - Reserved);
    }

    internal sealed class LocationRow
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? City { get; set; }
        public string? Address { get; set; }
        public string? OpeningHours { get; set; }
        public string? ContactEmail { get; set; }

        public LocationDto ToDto() => new(Id, Code, Name, DbEnum.Parse<LocationKind>(Kind), City, Address, OpeningHours, ContactEmail);
    }

    private sealed class ProductRow
    {
        public long Id { get; set; }
        public string Sku { get; set; } = "";
        public string Name { get; set; } = "";
        public string Attributes { get; set; } = "{}";
        public long PriceMinor { get; set; }
        public string Currency { get; set; } = "";
        public string? ImageUrl { get; set; }

        public ProductDto ToDto(IReadOnlyList<StockDto> stock) => new(Id, Sku, Name,
            JsonSerializer.Deserialize<Dictionary<string, string>>(Attributes, Json) ?? [], Money.FromMinor(PriceMinor), Currency, ImageUrl, SourceName, stock);
    }

    private sealed class StockRow
    {
        public long ProductId { get; set; }
        public int OnHand { get; set; }
        public int Reserved { get; set; }
        public long LocationId { get; set; }
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? City { get; set; }

        public StockDto ToDto() => new(LocationId, Code, Name, DbEnum.Parse<LocationKind>(Kind), City, OnHand, Reserved, Math.Max(0, OnHand - Reserved));
    }

    private sealed class OrderRow
    {
        public string Number { get; set; } = "";
        public string Status { get; set; } = "";
        public string Fulfilment { get; set; } = "";
        public string? CustomerName { get; set; }
        public string? CustomerEmail { get; set; }
        public string? CustomerPhone { get; set; }
        public string Items { get; set; } = "[]";
        public long TotalMinor { get; set; }
        public string Currency { get; set; } = "";
        public string? TrackingUrl { get; set; }
        public long? LocationId { get; set; }
        public string? LocationName { get; set; }
        public string? ShippingCity { get; set; }
        public DateTimeOffset PlacedAt { get; set; }

        public OrderDto ToDto() => new(Number, SourceName, DbEnum.Parse<OrderStatus>(Status), DbEnum.Parse<FulfilmentStatus>(Fulfilment), CustomerName,
            CustomerEmail, CustomerPhone, JsonSerializer.Deserialize<List<OrderItemDto>>(Items, Json) ?? [], Money.FromMinor(TotalMinor), Currency,
            TrackingUrl, LocationId, LocationName, ShippingCity, PlacedAt);
    }
}

/// <summary>The built-in catalogue as a commerce source: Inbox's own database.</summary>
public sealed class CatalogueSource(CatalogueStore catalogue) : ICommerceSource
{
    public string Name => CatalogueStore.SourceName;

    public Task<IReadOnlyList<OrderDto>> FindOrdersAsync(CustomerKeys customer, CancellationToken ct) => catalogue.FindOrdersAsync(customer, 100, ct);

    public Task<IReadOnlyList<ProductDto>> SearchProductsAsync(ProductQuery query, CancellationToken ct) => catalogue.SearchProductsAsync(query, ct);
}
