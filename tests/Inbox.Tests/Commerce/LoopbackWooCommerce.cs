using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inbox.Tests.Commerce;

/// <summary>
/// The WooCommerce REST API v3 as documented (woocommerce.github.io/woocommerce-rest-api-docs), on a loopback port:
/// <c>GET /wp-json/wc/v3/orders</c> (search, customer, page, per_page), <c>GET|PUT /orders/{id}</c>,
/// <c>POST /orders/{id}/notes</c>, <c>GET /customers</c> (email, role), <c>GET /products</c> (sku, search, status),
/// <c>GET /products/{id}/variations</c>, <c>GET /settings/general/woocommerce_currency</c>. HTTP Basic auth with the consumer
/// key and secret; a wrong one is WooCommerce's 401 body. Lists carry X-WP-Total and X-WP-TotalPages. JSON is
/// snake_case, prices and totals strings as WooCommerce sends them.
/// </summary>
public sealed class LoopbackWooCommerce : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<long, Order> _orders = new();
    private readonly ConcurrentDictionary<long, Customer> _customers = new();
    private readonly ConcurrentDictionary<long, Product> _products = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private long _nextId = 100;
    private bool _disposed;

    private LoopbackWooCommerce(WebApplication app) => _app = app;

    public string ConsumerKey { get; } = "ck_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
    public string ConsumerSecret { get; private set; } = NewSecret();

    /// <summary>The shop owner revoked the key's secret and made a new one: the old one is refused from now on.</summary>
    public void RotateSecret() => ConsumerSecret = NewSecret();

    private static string NewSecret() => "cs_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
    public Uri BaseUrl { get; private set; } = null!;
    public string Currency { get; set; } = "EUR";

    /// <summary>Every answer waits this long first (a slow shop); the wait ends if the caller gives up.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Answers every request with a 200 HTML page, as a site behind a misconfigured cache or login wall does.</summary>
    public bool AnswersHtml { get; set; }

    /// <summary>Method, path and query of every authenticated request, in order.</summary>
    public IReadOnlyList<string> Requests => _requests.ToList();

    /// <summary>Authorization headers that were refused.</summary>
    public int Refused => Volatile.Read(ref _refused);
    private int _refused;

    public static async Task<LoopbackWooCommerce> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var shop = new LoopbackWooCommerce(app);
        app.Use(async (context, next) =>
        {
            if (shop.Delay > TimeSpan.Zero) await Task.Delay(shop.Delay, context.RequestAborted);
            if (shop.AnswersHtml)
            {
                context.Response.ContentType = "text/html; charset=UTF-8";
                await context.Response.WriteAsync("<!doctype html><title>Casa Olmo</title><p>Bienvenido</p>");
                return;
            }
            if (!shop.Authorised(context.Request))
            {
                Interlocked.Increment(ref shop._refused);
                await Error(context, 401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.");
                return;
            }
            shop._requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
            await next(context);
        });
        var api = app.MapGroup("/wp-json/wc/v3");
        api.MapGet("/orders", shop.ListOrders);
        api.MapGet("/orders/{id:long}", (long id, HttpContext context) => shop.GetOrder(id, context));
        api.MapPut("/orders/{id:long}", (long id, HttpContext context) => shop.UpdateOrderAsync(id, context));
        api.MapPost("/orders/{id:long}/notes", (long id, HttpContext context) => shop.AddNoteAsync(id, context));
        api.MapGet("/customers", shop.ListCustomers);
        api.MapGet("/products", shop.ListProducts);
        api.MapGet("/products/{id:long}/variations", (long id, HttpContext context) => shop.ListVariations(id, context));
        api.MapGet("/settings/general/woocommerce_currency", (HttpContext context) => Json(context, 200, new JsonObject
        {
            ["id"] = "woocommerce_currency", ["label"] = "Currency", ["type"] = "select", ["default"] = "GBP", ["value"] = shop.Currency,
        }));
        await app.StartAsync();
        shop.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return shop;
    }

    /// <summary>Stops listening: the port refuses connections from now on.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public Customer AddCustomer(string email)
    {
        var c = new Customer(Interlocked.Increment(ref _nextId), email);
        _customers[c.Id] = c;
        return c;
    }

    /// <param name="number">What the customer sees; WooCommerce's own number is the id unless a plugin numbers orders.</param>
    public Order AddOrder(string status, string? email = null, string? phone = null, long customerId = 0, string? number = null, string city = "Valencia",
        DateTime? createdGmt = null, params (string Sku, string Name, int Quantity, decimal Price)[] items)
    {
        var id = Interlocked.Increment(ref _nextId);
        var order = new Order(id, number ?? id.ToString(CultureInfo.InvariantCulture), customerId, email, phone, city, createdGmt ?? DateTime.UtcNow)
        {
            Status = status,
            Items = items.Length == 0 ? [("MESA-1", "Mesa de roble", 1, 590m)] : [.. items],
        };
        _orders[id] = order;
        return order;
    }

    public Order OrderById(long id) => _orders[id];

    public Product AddSimpleProduct(string name, string sku, decimal price, int? stock, string stockStatus = "instock", params (string Name, string[] Options)[] attributes)
    {
        var p = new Product(Interlocked.Increment(ref _nextId), name, "simple", sku, price, stock, stockStatus, [.. attributes], []);
        _products[p.Id] = p;
        return p;
    }

    public Product AddVariableProduct(string name, string sku, params (string Sku, string Colour, decimal Price, int? Stock)[] variations)
    {
        var vs = variations.Select(v => new Variation(Interlocked.Increment(ref _nextId), v.Sku, v.Price, v.Stock, v.Stock is > 0 ? "instock" : "outofstock", v.Colour)).ToList();
        var p = new Product(Interlocked.Increment(ref _nextId), name, "variable", sku, vs.Min(v => v.Price), null, "instock",
            [("Color", vs.Select(v => v.Colour).ToArray())], vs);
        _products[p.Id] = p;
        return p;
    }

    private bool Authorised(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal)) return false;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
        }
        catch (FormatException)
        {
            return false;
        }
        return decoded == $"{ConsumerKey}:{ConsumerSecret}";
    }

    private Task ListOrders(HttpContext context)
    {
        var q = context.Request.Query;
        IEnumerable<Order> orders = _orders.Values;
        // WooCommerce's order search looks in the billing and shipping fields (names, email, phone, address) as typed.
        if (q["search"].ToString() is { Length: > 0 } search)
            orders = orders.Where(o => new[] { o.Email, o.Phone, o.City }.Any(f => f?.Contains(search, StringComparison.OrdinalIgnoreCase) == true));
        if (q["customer"].ToString() is { Length: > 0 } customer)
            orders = orders.Where(o => o.CustomerId.ToString(CultureInfo.InvariantCulture) == customer);
        return Page(context, orders.OrderByDescending(o => o.CreatedGmt).Select(o => o.ToJson()));
    }

    private Task GetOrder(long id, HttpContext context) => _orders.TryGetValue(id, out var order)
        ? Json(context, 200, order.ToJson())
        : Error(context, 404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.");

    private async Task UpdateOrderAsync(long id, HttpContext context)
    {
        if (!_orders.TryGetValue(id, out var order))
        {
            await Error(context, 404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.");
            return;
        }
        var body = await JsonNode.ParseAsync(context.Request.Body);
        if (body?["status"]?.GetValue<string>() is { } status)
        {
            if (status is not ("pending" or "processing" or "on-hold" or "completed" or "cancelled" or "refunded" or "failed"))
            {
                await Error(context, 400, "rest_invalid_param", "Invalid parameter(s): status");
                return;
            }
            order.Status = status;
        }
        await Json(context, 200, order.ToJson());
    }

    private async Task AddNoteAsync(long id, HttpContext context)
    {
        if (!_orders.TryGetValue(id, out var order))
        {
            await Error(context, 404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.");
            return;
        }
        var body = await JsonNode.ParseAsync(context.Request.Body);
        if (body?["note"]?.GetValue<string>() is not { Length: > 0 } text)
        {
            await Error(context, 400, "rest_missing_callback_param", "Missing parameter(s): note");
            return;
        }
        var note = new Note(Interlocked.Increment(ref _nextId), text, body["customer_note"]?.GetValue<bool>() ?? false);
        order.Notes.Enqueue(note);
        await Json(context, 201, new JsonObject
        {
            ["id"] = note.Id, ["author"] = "WooCommerce", ["date_created"] = DateTime.UtcNow.ToString("s", CultureInfo.InvariantCulture),
            ["note"] = note.Text, ["customer_note"] = note.CustomerNote,
        });
    }

    private Task ListCustomers(HttpContext context)
    {
        IEnumerable<Customer> customers = _customers.Values;
        if (context.Request.Query["email"].ToString() is { Length: > 0 } email)
            customers = customers.Where(c => string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase));
        return Page(context, customers.OrderBy(c => c.Id).Select(c => new JsonObject { ["id"] = c.Id, ["email"] = c.Email, ["role"] = "customer" }));
    }

    private Task ListProducts(HttpContext context)
    {
        var q = context.Request.Query;
        IEnumerable<Product> products = _products.Values;
        // WordPress searches the title as MySQL compares it: case- and accent-insensitive.
        if (q["search"].ToString() is { Length: > 0 } search)
            products = products.Where(p => Inbox.Server.Commerce.SearchText.Fold(p.Name).Contains(Inbox.Server.Commerce.SearchText.Fold(search), StringComparison.Ordinal));
        if (q["sku"].ToString() is not { Length: > 0 } sku) return Page(context, products.OrderBy(p => p.Id).Select(p => p.ToJson()));
        // By SKU WooCommerce looks at variations too (post types product and product_variation), each as a "variation".
        var bySku = products.Where(p => string.Equals(p.Sku, sku, StringComparison.OrdinalIgnoreCase)).Select(p => (p.Id, Json: p.ToJson()))
            .Concat(products.SelectMany(p => p.Variations.Where(v => string.Equals(v.Sku, sku, StringComparison.OrdinalIgnoreCase)).Select(v => (v.Id, Json: v.ToProductJson(p)))));
        return Page(context, bySku.OrderBy(x => x.Id).Select(x => x.Json));
    }

    private Task ListVariations(long id, HttpContext context) => _products.TryGetValue(id, out var product)
        ? Page(context, product.Variations.Select(v => v.ToJson()))
        : Error(context, 404, "woocommerce_rest_product_invalid_id", "Invalid ID.");

    /// <summary>page and per_page (default 10, at most 100), with the totals in X-WP-Total and X-WP-TotalPages.</summary>
    private static Task Page(HttpContext context, IEnumerable<JsonObject> items)
    {
        var all = items.ToList();
        var perPage = int.TryParse(context.Request.Query["per_page"], out var pp) ? pp : 10;
        var page = int.TryParse(context.Request.Query["page"], out var pg) ? pg : 1;
        if (perPage is < 1 or > 100) return Error(context, 400, "rest_invalid_param", "Invalid parameter(s): per_page");
        context.Response.Headers["X-WP-Total"] = all.Count.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-WP-TotalPages"] = ((all.Count + perPage - 1) / perPage).ToString(CultureInfo.InvariantCulture);
        return Json(context, 200, new JsonArray([.. all.Skip((page - 1) * perPage).Take(perPage)]));
    }

    private static Task Error(HttpContext context, int status, string code, string message) =>
        Json(context, status, new JsonObject { ["code"] = code, ["message"] = message, ["data"] = new JsonObject { ["status"] = status } });

    private static async Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public sealed record Customer(long Id, string Email);

    public sealed record Note(long Id, string Text, bool CustomerNote);

    public sealed class Order(long id, string number, long customerId, string? email, string? phone, string city, DateTime createdGmt)
    {
        public long Id { get; } = id;
        public string Number { get; } = number;
        public long CustomerId { get; } = customerId;
        public string? Email { get; } = email;
        public string? Phone { get; } = phone;
        public string City { get; } = city;
        public DateTime CreatedGmt { get; } = createdGmt;
        public string Status { get; set; } = "processing";
        public List<(string Sku, string Name, int Quantity, decimal Price)> Items { get; init; } = [];
        public ConcurrentQueue<Note> Notes { get; } = new();

        public JsonObject ToJson() => new()
        {
            ["id"] = Id, ["parent_id"] = 0, ["number"] = Number, ["status"] = Status, ["currency"] = "EUR",
            ["date_created"] = CreatedGmt.AddHours(1).ToString("s", CultureInfo.InvariantCulture),
            ["date_created_gmt"] = CreatedGmt.ToString("s", CultureInfo.InvariantCulture),
            ["total"] = Money(Items.Sum(i => i.Price * i.Quantity)), ["customer_id"] = CustomerId,
            ["billing"] = new JsonObject
            {
                ["first_name"] = "Lucía", ["last_name"] = "Pérez", ["city"] = City, ["email"] = Email ?? "", ["phone"] = Phone ?? "",
            },
            ["shipping"] = new JsonObject { ["first_name"] = "Lucía", ["last_name"] = "Pérez", ["city"] = City, ["phone"] = "" },
            ["line_items"] = new JsonArray([.. Items.Select((i, n) => (JsonNode)new JsonObject
            {
                ["id"] = n + 1, ["name"] = i.Name, ["sku"] = i.Sku, ["quantity"] = i.Quantity, ["price"] = i.Price,
                ["subtotal"] = Money(i.Price * i.Quantity), ["total"] = Money(i.Price * i.Quantity),
            })]),
            ["meta_data"] = new JsonArray(),
        };
    }

    public sealed record Variation(long Id, string Sku, decimal Price, int? Stock, string StockStatus, string Colour)
    {
        public JsonObject ToJson() => new()
        {
            ["id"] = Id, ["sku"] = Sku, ["price"] = Money(Price), ["regular_price"] = Money(Price), ["manage_stock"] = Stock is not null,
            ["stock_quantity"] = Stock, ["stock_status"] = StockStatus, ["image"] = new JsonObject { ["src"] = $"https://shop.example/{Sku}.jpg" },
            ["attributes"] = new JsonArray(new JsonObject { ["id"] = 1, ["name"] = "Color", ["option"] = Colour }),
        };

        /// <summary>As <c>GET /products?sku=</c> returns it: the products format, its name with the option, its parent's id.</summary>
        public JsonObject ToProductJson(Product parent) => new()
        {
            ["id"] = Id, ["name"] = $"{parent.Name} - {Colour}", ["type"] = "variation", ["parent_id"] = parent.Id, ["status"] = "publish",
            ["sku"] = Sku, ["price"] = Money(Price), ["manage_stock"] = Stock is not null, ["stock_quantity"] = Stock, ["stock_status"] = StockStatus,
            ["images"] = new JsonArray(new JsonObject { ["id"] = 1, ["src"] = $"https://shop.example/{Sku}.jpg" }),
            ["attributes"] = new JsonArray(new JsonObject { ["id"] = 1, ["name"] = "Color", ["option"] = Colour }),
        };
    }

    public sealed record Product(long Id, string Name, string Type, string Sku, decimal Price, int? Stock, string StockStatus,
        List<(string Name, string[] Options)> Attributes, List<Variation> Variations)
    {
        public JsonObject ToJson() => new()
        {
            ["id"] = Id, ["name"] = Name, ["type"] = Type, ["status"] = "publish", ["sku"] = Sku, ["price"] = Money(Price),
            ["manage_stock"] = Stock is not null, ["stock_quantity"] = Stock, ["stock_status"] = StockStatus,
            ["images"] = new JsonArray(new JsonObject { ["id"] = 1, ["src"] = $"https://shop.example/{Sku}.jpg" }),
            ["attributes"] = new JsonArray([.. Attributes.Select((a, n) => (JsonNode)new JsonObject
            {
                ["id"] = n + 1, ["name"] = a.Name, ["visible"] = true, ["variation"] = Type == "variable",
                ["options"] = new JsonArray([.. a.Options.Select(o => (JsonNode)JsonValue.Create(o)!)]),
            })]),
            ["variations"] = new JsonArray([.. Variations.Select(v => (JsonNode)JsonValue.Create(v.Id))]),
        };
    }
}
