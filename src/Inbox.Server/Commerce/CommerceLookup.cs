using Dapper;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;
using Inbox.Server.Contacts;
using Inbox.Server.Data;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Commerce;

/// <summary>
/// What the panel beside the thread asks: the contact's orders and product stock, from every <see cref="ICommerceSource"/>
/// at once. A source that fails or is slower than <see cref="CommerceOptions.LookupTimeout"/> becomes a
/// <see cref="CommerceSourceProblem"/>; the answer carries what the others found.
/// </summary>
public sealed partial class CommerceLookup(
    IDbConnectionFactory db,
    IEnumerable<ICommerceSource> sources,
    ContactStore contacts,
    IOptions<CommerceOptions> options,
    ILogger<CommerceLookup> logger)
{
    public async Task<Outcome<ContactOrdersDto>> OrdersOfContactAsync(Viewer viewer, long contactId, CancellationToken ct)
    {
        CustomerKeys keys;
        await using (var c = await db.OpenAsync(ct))
        {
            if (!await contacts.ExistsAsync(c, null, contactId, ct) || !viewer.CanSee(await contacts.TeamOfContactAsync(c, null, contactId, ct)))
                return Outcome<ContactOrdersDto>.NotFound("Contact");
            keys = await KeysOfAsync(c, contactId, ct);
        }
        var (orders, problems) = await AskAllAsync((s, t) => s.FindOrdersAsync(keys, t), ct);
        return Outcome<ContactOrdersDto>.Ok(new ContactOrdersDto(contactId, keys.Emails, keys.Phones,
            orders.OrderByDescending(o => o.PlacedAt).ToList(), problems));
    }

    /// <summary>Products matching <paramref name="query"/>; stock at <paramref name="city"/> (or, for a contact, the city of
    /// their latest order) first, then the most available.</summary>
    public async Task<Outcome<ProductSearchDto>> SearchProductsAsync(Viewer viewer, string query, string? city, long? contactId, int limit, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(city) && contactId is { } id)
        {
            await using var c = await db.OpenAsync(ct);
            if (!await contacts.ExistsAsync(c, null, id, ct) || !viewer.CanSee(await contacts.TeamOfContactAsync(c, null, id, ct)))
                return Outcome<ProductSearchDto>.NotFound("Contact");
            var keys = await KeysOfAsync(c, id, ct);
            var (orders, _) = await AskAllAsync((s, t) => s.FindOrdersAsync(keys, t), ct);
            city = orders.OrderByDescending(o => o.PlacedAt)
                .Select(o => o.ShippingCity).FirstOrDefault(x => !string.IsNullOrWhiteSpace(x));
        }
        city = string.IsNullOrWhiteSpace(city) ? null : city.Trim();
        var (products, problems) = await AskAllAsync((s, t) => s.SearchProductsAsync(new ProductQuery(query, limit), t), ct);
        var ordered = products.Select(p => p with
        {
            Stock = p.Stock.OrderByDescending(s => SearchText.SameCity(city, s.City)).ThenByDescending(s => s.Available).ThenBy(s => s.LocationName).ToList(),
        }).Take(limit).ToList();
        return Outcome<ProductSearchDto>.Ok(new ProductSearchDto(query, city, ordered, problems));
    }

    /// <summary>The product with this SKU in the named source, asked again so its price and stock are as they are now.</summary>
    public async Task<Outcome<ProductDto>> FindBySkuAsync(string sourceName, string sku, CancellationToken ct)
    {
        var source = sources.FirstOrDefault(s => string.Equals(s.Name, sourceName, StringComparison.OrdinalIgnoreCase));
        if (source is null) return Outcome<ProductDto>.Invalid("source", $"There is no commerce source '{sourceName}'.");
        var (products, problems) = await AskAsync([source], (s, t) => s.SearchProductsAsync(new ProductQuery(sku, 50), t), ct);
        if (problems is [var problem, ..]) return Outcome<ProductDto>.Unavailable(problem.Message);
        return products.FirstOrDefault(p => string.Equals(p.Sku, sku, StringComparison.OrdinalIgnoreCase)) is { } product
            ? Outcome<ProductDto>.Ok(product)
            : Outcome<ProductDto>.NotFound("Product");
    }

    /// <summary>Every email and phone the contact has: identities on any channel, and the contact's own fields.</summary>
    public static async Task<CustomerKeys> KeysOfAsync(System.Data.Common.DbConnection c, long contactId, CancellationToken ct)
    {
        var rows = (await c.QueryAsync<(string Kind, string Address)>(new CommandDefinition("""
            SELECT kind, address FROM contact_identities WHERE contact_id = @Id AND kind IN ('email', 'phone')
            UNION SELECT 'email', email FROM contacts WHERE id = @Id AND email IS NOT NULL
            UNION SELECT 'phone', phone FROM contacts WHERE id = @Id AND phone IS NOT NULL
            """, new { Id = contactId }, cancellationToken: ct))).ToList();
        return new CustomerKeys(
            rows.Where(r => r.Kind == "email").Select(r => r.Address.Trim().ToLowerInvariant()).Distinct().Order().ToList(),
            rows.Where(r => r.Kind == "phone").Select(r => r.Address.Trim()).Distinct().Order().ToList());
    }

    private Task<(List<T> Items, List<CommerceSourceProblem> Problems)> AskAllAsync<T>(Func<ICommerceSource, CancellationToken, Task<IReadOnlyList<T>>> ask, CancellationToken ct) =>
        AskAsync(sources, ask, ct);

    private async Task<(List<T> Items, List<CommerceSourceProblem> Problems)> AskAsync<T>(IEnumerable<ICommerceSource> asking,
        Func<ICommerceSource, CancellationToken, Task<IReadOnlyList<T>>> ask, CancellationToken ct)
    {
        var timeout = options.Value.LookupTimeout;
        var asked = asking.Select(async source =>
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(timeout);
            try
            {
                return (source.Name, Items: await ask(source, deadline.Token).WaitAsync(deadline.Token), Problem: (string?)null);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                var timedOut = ex is OperationCanceledException or TimeoutException;
                LogSourceFailed(source.Name, timedOut, ex);
                return (source.Name, Items: (IReadOnlyList<T>)[], Problem: timedOut
                    ? $"{source.Name} did not answer within {timeout.TotalSeconds:0.#} s."
                    : ex is CommerceSourceException ? $"{source.Name} is unavailable: {ex.Message}" : $"{source.Name} is unavailable: {ex.GetType().Name}.");
            }
        }).ToList();
        var answers = await Task.WhenAll(asked);
        return (answers.SelectMany(a => a.Items).ToList(),
            answers.Where(a => a.Problem is not null).Select(a => new CommerceSourceProblem(a.Name, a.Problem!)).ToList());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Commerce source {Source} failed (timed out: {TimedOut})")]
    private partial void LogSourceFailed(string source, bool timedOut, Exception ex);
}
