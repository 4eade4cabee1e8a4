using Inbox.Contracts;

namespace Inbox.Server.Commerce;

/// <summary>
/// Where orders and products come from: the built-in catalogue (<see cref="CatalogueSource"/>) and, later, external
/// platforms (WooCommerce REST v3: orders by customer email/phone, products by SKU or search, stock). Every source is
/// asked; one that throws or is slower than <see cref="CommerceOptions.LookupTimeout"/> is reported as unavailable
/// (<see cref="CommerceSourceProblem"/>) and the others still answer, so the thread keeps working when a shop is down.
/// Reservations hold stock of the built-in catalogue only (<see cref="ReservationCommands"/>).
/// </summary>
public interface ICommerceSource
{
    /// <summary>Short, stable name shown with what it found ("inbox", "woocommerce").</summary>
    string Name { get; }

    /// <summary>Orders whose customer email or phone is one of these (emails lower-case, phones E.164), newest first.</summary>
    Task<IReadOnlyList<OrderDto>> FindOrdersAsync(CustomerKeys customer, CancellationToken ct);

    /// <summary>Products whose name, SKU or attribute values (a colour) contain every word of the query, with stock per
    /// location in any order (the caller puts the customer's city first).</summary>
    Task<IReadOnlyList<ProductDto>> SearchProductsAsync(ProductQuery query, CancellationToken ct);
}

/// <summary>Every email and phone a contact has, on any channel.</summary>
public sealed record CustomerKeys(IReadOnlyList<string> Emails, IReadOnlyList<string> Phones)
{
    public bool IsEmpty => Emails.Count == 0 && Phones.Count == 0;
}

public sealed record ProductQuery(string Text, int Limit);
