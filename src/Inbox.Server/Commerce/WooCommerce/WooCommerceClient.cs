using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Inbox.Server.Commerce.WooCommerce;

/// <summary>
/// The parts of the WooCommerce REST API v3 (woocommerce.github.io/woocommerce-rest-api-docs) the panel needs: orders,
/// products and their variations, order notes, the store currency. Consumer key and secret go as HTTP Basic auth, which
/// WooCommerce accepts over HTTPS; never in the query string, so they stay out of URLs and logs. Lists are paged with
/// page/per_page and the X-WP-TotalPages header. Failures surface as <see cref="CommerceSourceException"/> with words an
/// agent can act on (wrong key, shop unreachable), never the URL: its query holds a customer's email or phone.
/// </summary>
public sealed class WooCommerceClient(IHttpClientFactory httpClients)
{
    public const string HttpClientName = "woocommerce";
    private const int PerPage = 50;
    private const int MaxPages = 3;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public Task<List<WcOrder>> SearchOrdersAsync(WooCommerceShop shop, string search, CancellationToken ct) =>
        ListAsync<WcOrder>(shop, $"orders?search={Uri.EscapeDataString(search)}&orderby=date&order=desc", ct);

    /// <summary>Registered customers with this email (guest orders are found by the orders search only).</summary>
    public Task<List<WcCustomer>> CustomersByEmailAsync(WooCommerceShop shop, string email, CancellationToken ct) =>
        ListAsync<WcCustomer>(shop, $"customers?email={Uri.EscapeDataString(email)}&role=all", ct);

    public Task<List<WcOrder>> OrdersOfCustomerAsync(WooCommerceShop shop, long customerId, CancellationToken ct) =>
        ListAsync<WcOrder>(shop, $"orders?customer={customerId.ToString(CultureInfo.InvariantCulture)}&orderby=date&order=desc", ct);

    public Task<List<WcProduct>> SearchProductsAsync(WooCommerceShop shop, string search, CancellationToken ct) =>
        ListAsync<WcProduct>(shop, $"products?search={Uri.EscapeDataString(search)}&status=publish", ct);

    public Task<List<WcProduct>> ProductsBySkuAsync(WooCommerceShop shop, string sku, CancellationToken ct) =>
        ListAsync<WcProduct>(shop, $"products?sku={Uri.EscapeDataString(sku)}", ct);

    public Task<List<WcVariation>> VariationsAsync(WooCommerceShop shop, long productId, CancellationToken ct) =>
        ListAsync<WcVariation>(shop, $"products/{productId.ToString(CultureInfo.InvariantCulture)}/variations", ct);

    public async Task<WcOrder?> GetOrderAsync(WooCommerceShop shop, long id, CancellationToken ct)
    {
        using var response = await SendAsync(shop, HttpMethod.Get, $"orders/{id.ToString(CultureInfo.InvariantCulture)}", null, ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureAsync(response, ct);
        return await ReadAsync<WcOrder>(response, ct);
    }

    public async Task AddOrderNoteAsync(WooCommerceShop shop, long orderId, string note, CancellationToken ct)
    {
        using var response = await SendAsync(shop, HttpMethod.Post, $"orders/{orderId.ToString(CultureInfo.InvariantCulture)}/notes",
            new { note, customer_note = false }, ct);
        await EnsureAsync(response, ct);
    }

    public async Task<WcOrder> SetOrderStatusAsync(WooCommerceShop shop, long orderId, string status, CancellationToken ct)
    {
        using var response = await SendAsync(shop, HttpMethod.Put, $"orders/{orderId.ToString(CultureInfo.InvariantCulture)}", new { status }, ct);
        await EnsureAsync(response, ct);
        return await ReadAsync<WcOrder>(response, ct) ?? throw new CommerceSourceException("the shop answered an empty order.");
    }

    /// <summary>The store's currency (general settings), which product prices are in.</summary>
    public async Task<string> CurrencyAsync(WooCommerceShop shop, CancellationToken ct)
    {
        using var response = await SendAsync(shop, HttpMethod.Get, "settings/general/woocommerce_currency", null, ct);
        await EnsureAsync(response, ct);
        var setting = await ReadAsync<WcSetting>(response, ct);
        return string.IsNullOrWhiteSpace(setting?.Value) ? "EUR" : setting.Value.Trim().ToUpperInvariant();
    }

    private async Task<List<T>> ListAsync<T>(WooCommerceShop shop, string pathAndQuery, CancellationToken ct)
    {
        var all = new List<T>();
        for (var page = 1; page <= MaxPages; page++)
        {
            using var response = await SendAsync(shop, HttpMethod.Get, $"{pathAndQuery}{(pathAndQuery.Contains('?', StringComparison.Ordinal) ? '&' : '?')}per_page={PerPage}&page={page}", null, ct);
            await EnsureAsync(response, ct);
            all.AddRange(await ReadAsync<List<T>>(response, ct) ?? []);
            var pages = response.Headers.TryGetValues("X-WP-TotalPages", out var values) && int.TryParse(values.FirstOrDefault(), out var n) ? n : 1;
            if (page >= pages) break;
        }
        return all;
    }

    private async Task<HttpResponseMessage> SendAsync(WooCommerceShop shop, HttpMethod method, string relative, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri($"{shop.BaseUrl.AbsoluteUri.TrimEnd('/')}/wp-json/wc/v3/{relative}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{shop.ConsumerKey}:{shop.ConsumerSecret}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        try
        {
            return await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        }
        catch (HttpRequestException ex) when (ex.InnerException is ShopAddressException refused)
        {
            throw new CommerceSourceException(refused.Message, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new CommerceSourceException($"the shop cannot be reached ({ex.HttpRequestError}).", ex);
        }
    }

    /// <summary>A page that is not WooCommerce's JSON (a WordPress error page, a captive portal) is the shop's problem, not a 500.</summary>
    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, ct);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            throw new CommerceSourceException("the shop's answer is not WooCommerce REST API JSON; is the URL the site's?", ex);
        }
    }

    /// <summary>WooCommerce answers errors as {code, message, data:{status}}: keep its code, never the request.</summary>
    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        string? code = null;
        try
        {
            code = (await response.Content.ReadFromJsonAsync<WcError>(Json, ct))?.Code;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            // Not WooCommerce's error shape (a proxy's page): the status says enough.
        }
        var status = (int)response.StatusCode;
        var why = code is null ? $"{status}" : $"{status}, {code}";
        throw new CommerceSourceException(response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                $"the shop refused the consumer key and secret ({why}); an admin checks them under WooCommerce › Settings › Advanced › REST API.",
            HttpStatusCode.NotFound => $"the shop has no WooCommerce REST API v3 at its address ({why}); is the URL the site's, with pretty permalinks on?",
            _ when status >= 300 && status < 400 => $"the shop answered a redirect ({why}); set its final https:// address in the WooCommerce settings.",
            _ => $"the shop answered {why}.",
        }, new HttpRequestException(null, null, response.StatusCode));
    }
}

public sealed class WcOrder
{
    public long Id { get; set; }
    public string Number { get; set; } = "";
    public string Status { get; set; } = "";
    public string Currency { get; set; } = "";
    public decimal Total { get; set; }
    public DateTime? DateCreatedGmt { get; set; }
    public WcAddress? Billing { get; set; }
    public WcAddress? Shipping { get; set; }
    public List<WcLineItem> LineItems { get; set; } = [];
    public List<WcMeta> MetaData { get; set; } = [];
}

public sealed class WcCustomer
{
    public long Id { get; set; }
    public string? Email { get; set; }
}

public sealed class WcAddress
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? City { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
}

public sealed class WcLineItem
{
    public string? Sku { get; set; }
    public string Name { get; set; } = "";
    public int Quantity { get; set; }
    public decimal Price { get; set; }
}

public sealed class WcMeta
{
    public string Key { get; set; } = "";
    public JsonElement Value { get; set; }
}

public sealed class WcProduct
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Type { get; set; } = "simple";
    public string? Sku { get; set; }
    public string? Price { get; set; }
    public int? StockQuantity { get; set; }
    public string? StockStatus { get; set; }
    public List<WcImage> Images { get; set; } = [];
    public List<WcAttribute> Attributes { get; set; } = [];
}

public sealed class WcVariation
{
    public long Id { get; set; }
    public string? Sku { get; set; }
    public string? Price { get; set; }
    public int? StockQuantity { get; set; }
    public string? StockStatus { get; set; }
    public WcImage? Image { get; set; }
    public List<WcAttribute> Attributes { get; set; } = [];
}

public sealed class WcImage
{
    public string? Src { get; set; }
}

/// <summary>On a product: name and its options; on a variation: name and the one option it is.</summary>
public sealed class WcAttribute
{
    public string Name { get; set; } = "";
    public string? Option { get; set; }
    public List<string> Options { get; set; } = [];
}

public sealed class WcSetting
{
    public string? Value { get; set; }
}

public sealed class WcError
{
    public string? Code { get; set; }
}
