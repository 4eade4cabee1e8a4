using System.Text.Json.Serialization;

namespace Inbox.Contracts;

[JsonConverter(typeof(CamelCaseEnumConverter<LocationKind>))]
public enum LocationKind { Shop, Warehouse }

/// <summary>Where an order stands with the shop (WooCommerce's order statuses, which most platforms map onto).</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<OrderStatus>))]
public enum OrderStatus { Pending, Processing, OnHold, Completed, Cancelled, Refunded, Failed }

/// <summary>Where the goods are: not yet sent, on the way, delivered, waiting at a shop, or collected there.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<FulfilmentStatus>))]
public enum FulfilmentStatus { Unfulfilled, Shipped, Delivered, ReadyForPickup, PickedUp }

/// <summary>Held units wait at the branch; the other three are final and give the units back (picked up: they left the shop).</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<ReservationStatus>))]
public enum ReservationStatus { Held, PickedUp, Released, Expired }

/// <summary>A shop or warehouse. <see cref="Code"/> is the key imports use ("MAD-CENTRO").</summary>
public sealed record LocationDto(
    long Id,
    string Code,
    string Name,
    LocationKind Kind,
    string? City,
    string? Address,
    string? OpeningHours,
    string? ContactEmail);

/// <summary>Units of one product at one location. Available = on hand − reserved, never below zero.</summary>
public sealed record StockDto(long LocationId, string LocationCode, string LocationName, LocationKind Kind, string? City, int OnHand, int Reserved, int Available);

/// <summary>A product (one variant: its own SKU) with its stock per location, the customer's city first.</summary>
/// <param name="Attributes">Variant attributes, e.g. colour → "verde", material → "terciopelo".</param>
/// <param name="Source">Which commerce source answered ("inbox" for the built-in catalogue).</param>
public sealed record ProductDto(
    long Id,
    string Sku,
    string Name,
    IReadOnlyDictionary<string, string> Attributes,
    decimal Price,
    string Currency,
    string? ImageUrl,
    string Source,
    IReadOnlyList<StockDto> Stock);

public sealed record OrderItemDto(string Sku, string Name, int Quantity, decimal UnitPrice);

/// <param name="LocationId">The shop the order was placed in; null when it was placed online.</param>
/// <param name="ShippingCity">Where it goes (or went); also how the customer's city is guessed.</param>
public sealed record OrderDto(
    string Number,
    string Source,
    OrderStatus Status,
    FulfilmentStatus Fulfilment,
    string? CustomerName,
    string? CustomerEmail,
    string? CustomerPhone,
    IReadOnlyList<OrderItemDto> Items,
    decimal Total,
    string Currency,
    string? TrackingUrl,
    long? LocationId,
    string? LocationName,
    string? ShippingCity,
    DateTimeOffset PlacedAt);

/// <summary>A source that did not answer (timed out, down): the panel says so and shows what the others found.</summary>
public sealed record CommerceSourceProblem(string Source, string Message);

/// <summary>The contact's orders from every source, found by every email and phone the contact has on any channel.</summary>
public sealed record ContactOrdersDto(long ContactId, IReadOnlyList<string> Emails, IReadOnlyList<string> Phones, IReadOnlyList<OrderDto> Orders, IReadOnlyList<CommerceSourceProblem> Unavailable);

/// <param name="City">The city whose locations are listed first (asked for, or guessed from the contact's orders).</param>
public sealed record ProductSearchDto(string Query, string? City, IReadOnlyList<ProductDto> Products, IReadOnlyList<CommerceSourceProblem> Unavailable);

/// <summary>Units held at a branch for a customer until picked up, released or expired.</summary>
public sealed record ReservationDto(
    long Id,
    ReservationStatus Status,
    long ProductId,
    string Sku,
    string ProductName,
    long LocationId,
    string LocationName,
    int Quantity,
    long? ContactId,
    string? ContactName,
    long? ConversationId,
    DateTimeOffset ExpiresAt,
    DateTimeOffset CreatedAt,
    long? CreatedBy,
    DateTimeOffset? ClosedAt,
    long? ClosedBy);

/// <summary>Reserve for pickup on a conversation: the units are held for <c>Inbox:Commerce:ReservationHold</c>.</summary>
public sealed record CreateReservationRequest(long ProductId, long LocationId, int Quantity = 1);

/// <summary>A branch's view: its held reservations and those that changed today, soonest to expire first.</summary>
public sealed record BranchReservationsDto(LocationDto Location, IReadOnlyList<ReservationDto> Reservations);

/// <summary>Import (admin) of the built-in catalogue. Every part is optional; rows are matched by code, SKU and order
/// number, so importing the same file twice changes nothing.</summary>
public sealed record CatalogueImportRequest(
    IReadOnlyList<LocationImport>? Locations = null,
    IReadOnlyList<ProductImport>? Products = null,
    IReadOnlyList<StockImport>? Stock = null,
    IReadOnlyList<OrderImport>? Orders = null);

public sealed record LocationImport(string Code, string Name, LocationKind Kind = LocationKind.Shop, string? City = null, string? Address = null,
    string? OpeningHours = null, string? ContactEmail = null);

public sealed record ProductImport(string Sku, string Name, decimal Price, string Currency = "EUR", IReadOnlyDictionary<string, string>? Attributes = null, string? ImageUrl = null);

/// <summary>Sets the units on hand of a SKU at a location (never below what is reserved there).</summary>
public sealed record StockImport(string Sku, string Location, int OnHand);

public sealed record OrderImport(
    string Number,
    OrderStatus Status,
    IReadOnlyList<OrderItemDto> Items,
    decimal Total,
    DateTimeOffset PlacedAt,
    string Currency = "EUR",
    FulfilmentStatus Fulfilment = FulfilmentStatus.Unfulfilled,
    string? CustomerName = null,
    string? CustomerEmail = null,
    string? CustomerPhone = null,
    string? TrackingUrl = null,
    string? Location = null,
    string? ShippingCity = null);

public sealed record CatalogueImportResultDto(int Locations, int Products, int Stock, int Orders);

/// <summary>Reply text about a product (its stock) or a reservation, for the composer. Language "es" or "en".</summary>
/// <param name="ProductId">A product of the built-in catalogue.</param>
/// <param name="Source">With <paramref name="Sku"/>: a product of another commerce source ("woocommerce"), asked again for
/// its current price and stock.</param>
public sealed record CommerceSummaryRequest(long? ProductId = null, long? ReservationId = null, string Language = "es", string? City = null,
    string? Source = null, string? Sku = null);

public sealed record CommerceSummaryDto(string Text);

/// <summary>Admin: who works a branch. Listed users see and work only their branches' reservations.</summary>
public sealed record LocationStaffRequest(IReadOnlyList<long> UserIds);

public sealed record LocationStaffDto(long LocationId, IReadOnlyList<long> UserIds);

/// <summary>Sends the reservation's confirmation to the customer as a reply on its conversation (their last channel).</summary>
public sealed record SendReservationRequest(string Language = "es");

/// <summary>How a cancellation request reaches the shop: a private note on the order for the shop's staff to act on,
/// or the order's status set to cancelled (only while it is pending, processing or on hold).</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<CancellationRule>))]
public enum CancellationRule { Note, Status }

/// <summary>Admin: the connected WooCommerce shop. The consumer secret is never returned; the key only as its last characters.</summary>
public sealed record WooCommerceSettingsDto(bool Configured, string? BaseUrl, string? ConsumerKeyHint, CancellationRule Cancellation, bool Enabled, DateTimeOffset? UpdatedAt);

/// <summary>Admin: connect (or change) the WooCommerce shop. Key and secret may be left out to keep the stored ones.</summary>
public sealed record WooCommerceSettingsRequest(string BaseUrl, string? ConsumerKey = null, string? ConsumerSecret = null,
    CancellationRule Cancellation = CancellationRule.Note, bool Enabled = true);

/// <summary>Ask the shop to cancel one of the contact's orders, per the shop's <see cref="CancellationRule"/>.</summary>
/// <param name="ConversationId">When given (a conversation of the contact), the request is recorded in its events.</param>
public sealed record OrderCancellationRequest(long ContactId, string Source, string Number, string? Reason = null, long? ConversationId = null);

public sealed record OrderCancellationDto(string Source, string Number, CancellationRule Rule, OrderStatus Status);
