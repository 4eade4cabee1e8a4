using System.Globalization;
using System.Text;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;
using Inbox.Server.Messaging;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Commerce;

/// <summary>
/// "Send to customer": plain reply text (es or en) about a product's stock per location or a reservation, which the
/// console drops into the composer. Plain text reads the same on every channel (SMS, WhatsApp, email, chat).
/// </summary>
public sealed class CommerceSummary(
    CatalogueStore catalogue,
    ReservationStore reservations,
    ReplyService replies,
    CommerceLookup lookup,
    IOptions<CommerceOptions> options)
{
    /// <summary>Sends the reservation's text as a reply on its conversation, on the channel the customer last wrote on
    /// (the reply's default), through the outbox like any agent reply.</summary>
    public async Task<Outcome<MessageDto>> SendReservationAsync(Viewer viewer, long reservationId, string? language, CancellationToken ct)
    {
        var r = await reservations.GetDtoAsync(reservationId, ct);
        if (r is null) return Outcome<MessageDto>.NotFound("Reservation");
        if (r.ConversationId is not { } conversationId) return Outcome<MessageDto>.Conflict($"Reservation {r.Id} belongs to no conversation any more.");
        var text = await WriteAsync(new CommerceSummaryRequest(ReservationId: reservationId, Language: language ?? "es"), ct);
        if (text.Error is not null) return new Outcome<MessageDto>(default, text.Error, text.Field, text.Message);
        var sent = await replies.ReplyAsync(viewer, conversationId, new ReplyRequest(text.Value!.Text), ct);
        if (sent.Error is null) await reservations.SetLanguageAsync(reservationId, language?.Trim().ToLowerInvariant() == "en" ? "en" : "es", ct);
        return sent;
    }

    /// <summary>The reminder a customer gets before their hold ends, in the language they were confirmed in.</summary>
    public async Task<string?> ReminderAsync(ReservationDto r, CancellationToken ct)
    {
        if (r.Status != ReservationStatus.Held) return null;
        var es = (await reservations.LanguageAsync(r.Id, ct) ?? options.Value.Language) != "en";
        var culture = CultureInfo.GetCultureInfo(es ? "es-ES" : "en-GB");
        await using var c = await OpenAsync(ct);
        var l = (await catalogue.GetLocationAsync(c, null, r.LocationId, ct))!;
        var (what, when) = (What(r), Until(r, es, culture));
        return es
            ? $"Recordatorio: tu reserva de {what} en {l.Name} sigue esperándote hasta el {when}. Después volverá a la venta. Referencia: {r.Id}."
            : $"Reminder: your reservation of {what} at {l.Name} is waiting for you until {when}. After that it goes back on sale. Reference: {r.Id}.";
    }

    public async Task<Outcome<CommerceSummaryDto>> WriteAsync(CommerceSummaryRequest request, CancellationToken ct)
    {
        var language = request.Language?.Trim().ToLowerInvariant() switch
        {
            null or "" or "es" => "es",
            "en" => "en",
            _ => null,
        };
        if (language is null) return Outcome<CommerceSummaryDto>.Invalid("language", "Language is es or en.");
        var external = !string.IsNullOrWhiteSpace(request.Source) || !string.IsNullOrWhiteSpace(request.Sku);
        if ((request.ProductId is not null ? 1 : 0) + (request.ReservationId is not null ? 1 : 0) + (external ? 1 : 0) != 1)
            return Outcome<CommerceSummaryDto>.Invalid("productId", "Name one product (productId, or source and sku) or one reservation.");
        var es = language == "es";
        var culture = CultureInfo.GetCultureInfo(es ? "es-ES" : "en-GB");

        if (request.ReservationId is { } reservationId)
        {
            var r = await reservations.GetDtoAsync(reservationId, ct);
            if (r is null) return Outcome<CommerceSummaryDto>.NotFound("Reservation");
            await using var c = await OpenAsync(ct);
            var location = (await catalogue.GetLocationAsync(c, null, r.LocationId, ct))!;
            return Outcome<CommerceSummaryDto>.Ok(new CommerceSummaryDto(Reservation(r, location, es, culture)));
        }

        if (request.ProductId is { } productId)
        {
            var product = await catalogue.GetProductAsync(productId, ct);
            if (product is null) return Outcome<CommerceSummaryDto>.NotFound("Product");
            return Outcome<CommerceSummaryDto>.Ok(new CommerceSummaryDto(Product(product, request.City, es, culture)));
        }

        if (string.IsNullOrWhiteSpace(request.Source)) return Outcome<CommerceSummaryDto>.Invalid("source", "Name the product's source with its sku.");
        if (string.IsNullOrWhiteSpace(request.Sku)) return Outcome<CommerceSummaryDto>.Invalid("sku", "Name the product's sku with its source.");
        var found = await lookup.FindBySkuAsync(request.Source.Trim(), request.Sku.Trim(), ct);
        if (found.Error is not null) return new Outcome<CommerceSummaryDto>(default, found.Error, found.Field, found.Message);
        return Outcome<CommerceSummaryDto>.Ok(new CommerceSummaryDto(Product(found.Value!, request.City, es, culture)));
    }

    private Task<System.Data.Common.DbConnection> OpenAsync(CancellationToken ct) => catalogue.OpenAsync(ct);

    private static string Product(ProductDto p, string? city, bool es, CultureInfo culture)
    {
        var text = new StringBuilder();
        text.Append(p.Name);
        var attributes = string.Join(", ", p.Attributes.Values);
        if (attributes.Length > 0 && !SearchText.Fold(p.Name).Contains(SearchText.Fold(attributes), StringComparison.Ordinal)) text.Append(" (").Append(attributes).Append(')');
        text.Append(" · ").Append(Price(p.Price, p.Currency, culture)).Append(" · ").Append("SKU ").Append(p.Sku).AppendLine();
        var available = p.Stock.Where(s => s.Available > 0).OrderByDescending(s => SearchText.SameCity(city, s.City)).ThenByDescending(s => s.Available).ToList();
        if (available.Count == 0)
        {
            text.Append(es ? "Ahora mismo no nos queda ninguno en tienda." : "We have none left in our shops right now.");
            return text.ToString();
        }
        text.AppendLine(es ? "Disponible en:" : "Available at:");
        foreach (var s in available)
        {
            var units = es ? (s.Available == 1 ? "1 unidad" : $"{s.Available} unidades") : (s.Available == 1 ? "1 unit" : $"{s.Available} units");
            text.Append("- ").Append(s.LocationCode == WooCommerce.WooCommerceSource.OnlineLocationCode ? (es ? "Tienda online" : "Online shop") : s.LocationName);
            if (!string.IsNullOrWhiteSpace(s.City) && !s.LocationName.Contains(s.City, StringComparison.OrdinalIgnoreCase)) text.Append(" (").Append(s.City).Append(')');
            text.Append(": ").Append(units).AppendLine();
        }
        // Only the built-in catalogue's branches hold units for pickup; another source's stock is bought from the shop.
        text.Append(p.Source == CatalogueStore.SourceName
            ? es ? "¿Quieres que te lo reservemos para recogerlo en tienda?" : "Would you like us to reserve it for you to pick up in the shop?"
            : es ? "¿Quieres que te ayudemos con el pedido?" : "Would you like a hand with the order?");
        return text.ToString();
    }

    private string Reservation(ReservationDto r, LocationDto l, bool es, CultureInfo culture)
    {
        var (what, when) = (What(r), Until(r, es, culture));
        var where = string.Join(", ", new[] { l.Name, l.Address, l.City }.Where(x => !string.IsNullOrWhiteSpace(x)).Distinct());
        var text = new StringBuilder();
        switch (r.Status)
        {
            case ReservationStatus.Held when es:
                text.Append("¡Listo! Te hemos reservado ").Append(what).Append(" en ").Append(where).AppendLine(".");
                text.Append("Puedes recogerlo hasta el ").Append(when).AppendLine(".");
                if (!string.IsNullOrWhiteSpace(l.OpeningHours)) text.Append("Horario: ").Append(l.OpeningHours).AppendLine();
                text.Append("Referencia de la reserva: ").Append(r.Id.ToString(CultureInfo.InvariantCulture)).Append('.');
                break;
            case ReservationStatus.Held:
                text.Append("Done! We have reserved ").Append(what).Append(" for you at ").Append(where).AppendLine(".");
                text.Append("You can pick it up until ").Append(when).AppendLine(".");
                if (!string.IsNullOrWhiteSpace(l.OpeningHours)) text.Append("Opening hours: ").Append(l.OpeningHours).AppendLine();
                text.Append("Reservation reference: ").Append(r.Id.ToString(CultureInfo.InvariantCulture)).Append('.');
                break;
            case ReservationStatus.PickedUp:
                text.Append(es ? $"Gracias por recoger {what} en {l.Name}. ¡Que lo disfrutes!" : $"Thank you for picking up {what} at {l.Name}. Enjoy it!");
                break;
            default:
                text.Append(es ? $"Tu reserva de {what} en {l.Name} ya no está activa. Si todavía lo quieres, dinos y miramos la disponibilidad."
                    : $"Your reservation of {what} at {l.Name} is no longer active. If you still want it, tell us and we will check availability.");
                break;
        }
        return text.ToString();
    }

    private static string What(ReservationDto r) => $"{r.Quantity} × {r.ProductName}";

    /// <summary>The pickup deadline in the shops' time zone, as a sentence ends it ("lunes 7 de diciembre a las 19:58").</summary>
    private string Until(ReservationDto r, bool es, CultureInfo culture) =>
        TimeZoneInfo.ConvertTime(r.ExpiresAt, options.Value.ShopTimeZone).ToString(es ? "dddd d 'de' MMMM 'a las' HH:mm" : "dddd d MMMM 'at' HH:mm", culture);

    private static string Price(decimal amount, string currency, CultureInfo culture)
    {
        var number = amount.ToString("N2", culture);
        return currency == "EUR" ? (culture.Name == "es-ES" ? $"{number} €" : $"€{number}") : $"{number} {currency}";
    }
}
