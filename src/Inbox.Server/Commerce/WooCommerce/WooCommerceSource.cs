using System.Globalization;
using System.Text.Json;
using Inbox.Contracts;
using Inbox.Server.Api;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Commerce.WooCommerce;

/// <summary>
/// The admin's WooCommerce shop as a commerce source: orders found by the customer's emails and phones (the orders
/// search, then matched exactly on the billing email or phone), products by SKU or by words (variations each as their
/// own product, like the built-in catalogue's variants) and their stock. WooCommerce keeps one stock count per product,
/// so it shows as one "online shop" location; it cannot be reserved (reservations hold the built-in catalogue's stock).
/// Answers are cached for <see cref="WooCommerceOptions.CacheFor"/>; failures are not, and surface as the shop being down.
/// </summary>
public sealed class WooCommerceSource(WooCommerceSettings settings, WooCommerceClient client, IMemoryCache cache, IOptions<WooCommerceOptions> options)
    : ICommerceSource, IOrderCancellation
{
    public const string SourceName = "woocommerce";
    private long _generation;
    public const string OnlineLocationCode = "WOO-ONLINE";
    /// <summary>Products (before variations) looked at per search: enough for a page of results, bounded requests.</summary>
    private const int MaxCandidates = 20;

    public string Name => SourceName;

    public async Task<IReadOnlyList<OrderDto>> FindOrdersAsync(CustomerKeys customer, CancellationToken ct)
    {
        if (customer.IsEmpty || await settings.GetEnabledAsync(ct) is not { } shop) return [];
        // One question per email and phone, all at once: the lookup's deadline is for the whole answer.
        var asked = customer.Emails.Select(email => OrdersByEmailAsync(shop, email, ct))
            .Concat(customer.Phones.Select(phone => OrdersByPhoneAsync(shop, phone, ct)));
        var found = (await Task.WhenAll(asked)).SelectMany(x => x).DistinctBy(o => o.Id).ToList();
        var orders = found.Select(ToDto).ToList();
        for (var i = 0; i < found.Count; i++) cache.Set(IdKey(shop, orders[i].Number), found[i].Id, TimeSpan.FromMinutes(30));
        return orders.OrderByDescending(o => o.PlacedAt).ToList();
    }

    /// <summary>Guest orders by the orders search (exact billing email), and every order of a registered customer with
    /// this email (their billing email may be another).</summary>
    private async Task<IEnumerable<WcOrder>> OrdersByEmailAsync(WooCommerceShop shop, string email, CancellationToken ct)
    {
        var searched = CachedAsync(shop, $"orders:{email}", t => client.SearchOrdersAsync(shop, email, t), ct);
        var customers = await CachedAsync(shop, $"customers:{email}", t => client.CustomersByEmailAsync(shop, email, t), ct);
        var registered = await Task.WhenAll(customers.Where(c => string.Equals(c.Email?.Trim(), email, StringComparison.OrdinalIgnoreCase))
            .Select(c => CachedAsync(shop, $"customer-orders:{c.Id}", t => client.OrdersOfCustomerAsync(shop, c.Id, t), ct)));
        return (await searched).Where(o => string.Equals(o.Billing?.Email?.Trim(), email, StringComparison.OrdinalIgnoreCase))
            .Concat(registered.SelectMany(x => x));
    }

    /// <summary>Shops keep phones as typed and search them as text: ask for the national digits (found in "612345678",
    /// "+34612345678", "0034612345678") and the usual spaced form ("612 345 678"), then match on digits. Other spacings
    /// ("612 34 56 78") are not found by WooCommerce's search.</summary>
    private async Task<IEnumerable<WcOrder>> OrdersByPhoneAsync(WooCommerceShop shop, string phone, CancellationToken ct)
    {
        var national = PhoneDigits.National(phone);
        var terms = new[] { national, national.Length == 9 ? $"{national[..3]} {national[3..6]} {national[6..]}" : "" }.Where(t => t.Length >= 6).Distinct();
        var found = await Task.WhenAll(terms.Select(term => CachedAsync(shop, $"orders:{term}", t => client.SearchOrdersAsync(shop, term, t), ct)));
        return found.SelectMany(x => x).Where(o => PhoneDigits.Same(phone, o.Billing?.Phone) || PhoneDigits.Same(phone, o.Shipping?.Phone));
    }

    public async Task<IReadOnlyList<ProductDto>> SearchProductsAsync(ProductQuery query, CancellationToken ct)
    {
        if (await settings.GetEnabledAsync(ct) is not { } shop) return [];
        var words = SearchText.Words(query.Text);
        if (words.Count == 0) return [];
        var currency = CachedAsync(shop, "currency", t => client.CurrencyAsync(shop, t), ct);
        // WooCommerce searches one phrase in names; a colour lives in the variations. Ask by SKU (one token: a product's or
        // a variation's) and by each of the longest words, then keep the products (variations) that have every word, as
        // the built-in search does.
        var text = query.Text.Trim();
        var asked = new List<Task<List<WcProduct>>>();
        if (!text.Contains(' ', StringComparison.Ordinal)) asked.Add(CachedAsync(shop, $"sku:{text}", t => client.ProductsBySkuAsync(shop, text, t), ct));
        foreach (var word in words.Where(w => w.Length >= 2).OrderByDescending(w => w.Length).Take(3))
            asked.Add(CachedAsync(shop, $"products:{word}", t => client.SearchProductsAsync(shop, word, t), ct));
        var candidates = (await Task.WhenAll(asked)).SelectMany(x => x).DistinctBy(p => p.Id).Take(MaxCandidates).ToList();

        var found = await Task.WhenAll(candidates.Select(async p => p.Type == "variable"
            ? (await CachedAsync(shop, $"variations:{p.Id}", t => client.VariationsAsync(shop, p.Id, t), ct)).Select(v => Variation(p, v, "")).ToList()
            : [Simple(p, "")]));
        var money = await currency;
        return found.SelectMany(x => x).DistinctBy(p => p.Id).Where(p => Matches(p, words)).Select(p => p with { Currency = money }).Take(query.Limit).ToList();
    }

    public async Task<Outcome<OrderCancellationDto>> RequestCancellationAsync(OrderDto order, long agentId, string? reason, CancellationToken ct)
    {
        if (await settings.GetEnabledAsync(ct) is not { } shop) return Outcome<OrderCancellationDto>.Conflict("No WooCommerce shop is connected any more.");
        // The number a customer sees may differ from the order's id (sequential-number plugins): the lookup noted the id.
        if (!cache.TryGetValue(IdKey(shop, order.Number), out long id)
            && !long.TryParse(order.Number, NumberStyles.None, CultureInfo.InvariantCulture, out id))
            return Outcome<OrderCancellationDto>.NotFound("Order");
        if (await client.GetOrderAsync(shop, id, ct) is not { } current || (current.Number.Length > 0 && current.Number != order.Number))
            return Outcome<OrderCancellationDto>.NotFound("Order");
        var status = Status(current.Status);
        if (status is OrderStatus.Cancelled or OrderStatus.Refunded)
            return Outcome<OrderCancellationDto>.Conflict($"Order {order.Number} is already {current.Status}.");
        var note = $"Cancellation requested by the customer through Inbox (agent #{agentId.ToString(CultureInfo.InvariantCulture)})."
            + (string.IsNullOrWhiteSpace(reason) ? "" : $" Reason: {reason.Trim()}");
        if (shop.Cancellation == CancellationRule.Note)
        {
            await client.AddOrderNoteAsync(shop, id, note, ct);
        }
        else
        {
            if (status is not (OrderStatus.Pending or OrderStatus.Processing or OrderStatus.OnHold))
                return Outcome<OrderCancellationDto>.Conflict($"Order {order.Number} is {current.Status}: the shop cancels only pending, processing or on-hold orders; ask the shop's staff.");
            status = Status((await client.SetOrderStatusAsync(shop, id, "cancelled", ct)).Status);
            // The status is what was asked; the note only says who asked and why, so its failure does not undo the request.
            try
            {
                await client.AddOrderNoteAsync(shop, id, note, ct);
            }
            catch (CommerceSourceException)
            {
            }
        }
        Interlocked.Increment(ref _generation); // the next lookup asks the shop again and shows the new state
        return Outcome<OrderCancellationDto>.Ok(new OrderCancellationDto(SourceName, order.Number, shop.Cancellation, status));
    }

    private async Task<T> CachedAsync<T>(WooCommerceShop shop, string what, Func<CancellationToken, Task<T>> fetch, CancellationToken ct)
    {
        var key = Key(shop, what);
        if (cache.TryGetValue(key, out T? hit) && hit is not null) return hit;
        var value = await fetch(ct);
        if (options.Value.CacheFor > TimeSpan.Zero) cache.Set(key, value, options.Value.CacheFor);
        return value;
    }

    /// <summary>Keyed by the settings' version, so a changed shop never serves the old one's answers, and by a generation
    /// that an action on the shop moves on.</summary>
    private string Key(WooCommerceShop shop, string what) => $"woocommerce:{shop.UpdatedAt.UtcTicks}:{Interlocked.Read(ref _generation)}:{what}";

    private static string IdKey(WooCommerceShop shop, string number) => $"woocommerce:{shop.UpdatedAt.UtcTicks}:order-id:{number}";

    private static bool Matches(ProductDto p, IReadOnlyList<string> words)
    {
        var haystack = SearchText.Fold($"{p.Sku} {p.Name} {string.Join(' ', p.Attributes.Values)}");
        return words.All(w => haystack.Contains(w, StringComparison.Ordinal));
    }

    /// <summary>A simple product, or a variation as a search by SKU returns it (its name with its option, one option per
    /// attribute).</summary>
    private static ProductDto Simple(WcProduct p, string currency) => new(p.Id, p.Sku ?? "", p.Name,
        p.Attributes.Where(a => a.Options.Count > 0 || !string.IsNullOrWhiteSpace(a.Option))
            .ToDictionary(a => AttributeName(a.Name), a => a.Options.Count > 0 ? string.Join(" / ", a.Options) : a.Option!),
        Price(p.Price), currency, p.Images.FirstOrDefault()?.Src, SourceName, [Online(p.StockQuantity, p.StockStatus)]);

    private static ProductDto Variation(WcProduct parent, WcVariation v, string currency) => new(v.Id, v.Sku ?? parent.Sku ?? "", parent.Name,
        v.Attributes.Where(a => !string.IsNullOrWhiteSpace(a.Option)).ToDictionary(a => AttributeName(a.Name), a => a.Option!),
        Price(v.Price), currency, v.Image?.Src ?? parent.Images.FirstOrDefault()?.Src, SourceName, [Online(v.StockQuantity, v.StockStatus)]);

    /// <summary>"Color" and "Colour" read as the built-in catalogue's "colour"; other names lower-case.</summary>
    private static string AttributeName(string name) => SearchText.Fold(name) switch
    {
        "color" or "colour" or "pa_color" or "pa_colour" => "colour",
        var other => other.StartsWith("pa_", StringComparison.Ordinal) ? other[3..] : other,
    };

    /// <summary>Stock managed: its count; not managed: in stock shows as 1 available, out of stock as none.</summary>
    private static StockDto Online(int? quantity, string? status)
    {
        var onHand = Math.Max(0, quantity ?? (status == "instock" ? 1 : 0));
        return new StockDto(0, OnlineLocationCode, "Online shop", LocationKind.Warehouse, null, onHand, 0, onHand);
    }

    private static decimal Price(string? price) =>
        decimal.TryParse(price, NumberStyles.Number, CultureInfo.InvariantCulture, out var p) ? p : 0m;

    private static OrderDto ToDto(WcOrder o)
    {
        var status = Status(o.Status);
        var tracking = TrackingUrl(o.MetaData);
        var fulfilment = status == OrderStatus.Completed ? FulfilmentStatus.Delivered : tracking is not null ? FulfilmentStatus.Shipped : FulfilmentStatus.Unfulfilled;
        var name = string.Join(' ', new[] { o.Billing?.FirstName, o.Billing?.LastName }.Where(x => !string.IsNullOrWhiteSpace(x)));
        return new OrderDto(o.Number.Length > 0 ? o.Number : o.Id.ToString(CultureInfo.InvariantCulture), SourceName, status, fulfilment,
            name.Length == 0 ? null : name, o.Billing?.Email, o.Billing?.Phone,
            o.LineItems.Select(i => new OrderItemDto(i.Sku ?? "", i.Name, i.Quantity, i.Price)).ToList(),
            o.Total, string.IsNullOrWhiteSpace(o.Currency) ? "EUR" : o.Currency, tracking, null, null,
            o.Shipping?.City is { Length: > 0 } city ? city : o.Billing?.City,
            new DateTimeOffset(DateTime.SpecifyKind(o.DateCreatedGmt ?? DateTime.UnixEpoch, DateTimeKind.Utc)));
    }

    public static OrderStatus Status(string status) => status switch
    {
        "pending" => OrderStatus.Pending,
        "processing" => OrderStatus.Processing,
        "on-hold" => OrderStatus.OnHold,
        "completed" => OrderStatus.Completed,
        "cancelled" => OrderStatus.Cancelled,
        "refunded" => OrderStatus.Refunded,
        _ => OrderStatus.Failed,
    };

    /// <summary>The Shipment Tracking extension's items (custom_tracking_link), or a plain "_tracking_url" meta.</summary>
    private static string? TrackingUrl(List<WcMeta> meta)
    {
        foreach (var m in meta)
        {
            if (m.Key == "_wc_shipment_tracking_items" && m.Value.ValueKind == JsonValueKind.Array)
                foreach (var item in m.Value.EnumerateArray())
                    if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("custom_tracking_link", out var link) && link.GetString() is { Length: > 0 } url)
                        return url;
            if (m.Key == "_tracking_url" && m.Value.ValueKind == JsonValueKind.String && m.Value.GetString() is { Length: > 0 } plain)
                return plain;
        }
        return null;
    }
}

/// <summary>Compares phones as digits: "+34 612 345 678", "612345678" and "0034612345678" are one number.</summary>
public static class PhoneDigits
{
    public static string Digits(string? phone) => new((phone ?? "").Where(char.IsAsciiDigit).ToArray());

    /// <summary>The last nine digits (a national number in most of Europe), or all of them when shorter.</summary>
    public static string National(string phone)
    {
        var d = Digits(phone);
        return d.Length > 9 ? d[^9..] : d;
    }

    public static bool Same(string e164, string? typed)
    {
        var a = Digits(e164);
        var b = Digits(typed);
        if (b.StartsWith("00", StringComparison.Ordinal)) b = b[2..];
        return b.Length >= 6 && (a == b || (!(typed ?? "").TrimStart().StartsWith('+') && a.EndsWith(b, StringComparison.Ordinal)));
    }
}
