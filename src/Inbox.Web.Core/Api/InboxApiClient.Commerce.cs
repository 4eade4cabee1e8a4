using System.Globalization;
using Inbox.Contracts;

namespace Inbox.Web.Api;

/// <summary>Commerce beside the thread and the branch view.</summary>
public sealed partial class InboxApiClient
{
    /// <summary>Admin: a catalogue file as the shop exported it: JSON (locations, products, stock, orders) or CSV
    /// (products and stock).</summary>
    public Task<CatalogueImportResultDto> ImportCatalogueAsync(string content, bool csv, CancellationToken ct = default) =>
        SendForAsync<CatalogueImportResultDto>(HttpMethod.Post, csv ? Routes.CommerceImportCsv : Routes.CommerceImport,
            new Func<HttpContent>(() => new StringContent(content, System.Text.Encoding.UTF8, csv ? "text/csv" : "application/json")), ct);

    public Task<ContactOrdersDto> GetContactOrdersAsync(long contactId, CancellationToken ct = default) =>
        GetAsync<ContactOrdersDto>(Routes.ContactOrders(contactId), ct);

    /// <summary>Products by name, SKU or colour; the contact's city (from their orders) first.</summary>
    public Task<ProductSearchDto> SearchProductsAsync(string query, long? contactId, int limit = 20, CancellationToken ct = default) =>
        GetAsync<ProductSearchDto>($"{Routes.CommerceProducts}?q={Uri.EscapeDataString(query)}&limit={limit.ToString(CultureInfo.InvariantCulture)}"
            + (contactId is { } id ? $"&contactId={id.ToString(CultureInfo.InvariantCulture)}" : ""), ct);

    public Task<IReadOnlyList<LocationDto>> GetMyBranchesAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<LocationDto>>(Routes.CommerceBranches, ct);

    public Task<BranchReservationsDto> GetBranchReservationsAsync(long locationId, CancellationToken ct = default) =>
        GetAsync<BranchReservationsDto>(Routes.LocationReservations(locationId), ct);

    public Task<IReadOnlyList<ReservationDto>> GetConversationReservationsAsync(long conversationId, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<ReservationDto>>(Routes.ConversationReservations(conversationId), ct);

    public Task<ReservationDto> ReserveAsync(long conversationId, CreateReservationRequest request, CancellationToken ct = default) =>
        PostAsync<ReservationDto>(Routes.ConversationReservations(conversationId), request, ct);

    public Task<ReservationDto> PickUpReservationAsync(long id, CancellationToken ct = default) =>
        PostAsync<ReservationDto>(Routes.ReservationPickup(id), null, ct);

    public Task<ReservationDto> ReleaseReservationAsync(long id, CancellationToken ct = default) =>
        PostAsync<ReservationDto>(Routes.ReservationRelease(id), null, ct);

    /// <summary>Reply text about a product's stock or a reservation, for the composer.</summary>
    public Task<CommerceSummaryDto> WriteCommerceSummaryAsync(CommerceSummaryRequest request, CancellationToken ct = default) =>
        PostAsync<CommerceSummaryDto>(Routes.CommerceSummary, request, ct);

    /// <summary>Asks the order's shop to cancel it (a note or a status change, per the shop's rule); recorded on the conversation.</summary>
    public Task<OrderCancellationDto> RequestOrderCancellationAsync(OrderCancellationRequest request, CancellationToken ct = default) =>
        PostAsync<OrderCancellationDto>(Routes.CommerceOrderCancellation, request, ct);

    /// <summary>Admin: the connected WooCommerce shop (never its secret).</summary>
    public Task<WooCommerceSettingsDto> GetWooCommerceSettingsAsync(CancellationToken ct = default) =>
        GetAsync<WooCommerceSettingsDto>(Routes.CommerceWooCommerce, ct);

    /// <summary>Admin: connects or changes the shop; a blank key or secret keeps the stored one.</summary>
    public Task<WooCommerceSettingsDto> SaveWooCommerceSettingsAsync(WooCommerceSettingsRequest request, CancellationToken ct = default) =>
        SendForAsync<WooCommerceSettingsDto>(HttpMethod.Put, Routes.CommerceWooCommerce, request, ct);

    public Task DisconnectWooCommerceAsync(CancellationToken ct = default) =>
        SendNoContentAsync(HttpMethod.Delete, Routes.CommerceWooCommerce, null, ct);
}
