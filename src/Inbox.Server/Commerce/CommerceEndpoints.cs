using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;
using Inbox.Server.Conversations;
using Inbox.Server.Commerce.WooCommerce;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Commerce;

/// <summary>Commerce beside the thread, for agents and admins (imports: admins). Thin over the commands and lookups.</summary>
public static class CommerceEndpoints
{
    private const int MaxCsvBytes = 5 * 1024 * 1024;

    public static IEndpointRouteBuilder MapCommerceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Routes.Commerce).WithTags("Commerce").RequireAuthorization().AddEndpointFilter<CookieAntiforgeryFilter>();

        group.MapGet("/products", async (string? q, string? city, long? contactId, int? limit, Viewer viewer, CommerceLookup lookup, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(q) || q.Trim().Length < 2) return ApiProblems.Invalid("q", "Search needs at least 2 characters: a name, SKU or colour.");
            if (q.Length > 200) return ApiProblems.Invalid("q", "Search is at most 200 characters.");
            if (limit is < 1 or > 100) return ApiProblems.Invalid("limit", "Limit is between 1 and 100.");
            if (city is { Length: > 100 }) return ApiProblems.Invalid("city", "City is at most 100 characters.");
            return (await lookup.SearchProductsAsync(viewer, q.Trim(), city, contactId, limit ?? 20, ct)).ToHttp();
        });

        group.MapGet("/products/{id:long}", async (long id, CatalogueStore catalogue, CancellationToken ct) =>
            await catalogue.GetProductAsync(id, ct) is { } product ? Results.Ok(product) : ApiProblems.NotFound("Product"));

        group.MapGet("/locations", async (CatalogueStore catalogue, CancellationToken ct) => Results.Ok(await catalogue.ListLocationsAsync(ct)));

        // The branch view's picker: the branches the viewer works (every one for admins and customer service).
        group.MapGet("/branches", async (Viewer viewer, CatalogueStore catalogue, BranchAccess access, CancellationToken ct) =>
        {
            var mine = await access.BranchesOfAsync(viewer, ct);
            var all = await catalogue.ListLocationsAsync(ct);
            return Results.Ok(mine is null ? all : all.Where(l => mine.Contains(l.Id)).ToList());
        });

        // The branch view: what the shop must keep aside now, and what happened there today.
        group.MapGet("/locations/{id:long}/reservations", async (long id, Viewer viewer, CatalogueStore catalogue, ReservationStore reservations,
            BranchAccess access, IOptions<CommerceOptions> options, TimeProvider time, CancellationToken ct) =>
        {
            await using var c = await catalogue.OpenAsync(ct);
            if (await catalogue.GetLocationAsync(c, null, id, ct) is not { } location) return ApiProblems.NotFound("Location");
            if (!await access.MayWorkAsync(viewer, id, ct)) return ApiProblems.Forbidden("Branch staff see only the reservations of their own branches.");
            var zone = options.Value.ShopTimeZone;
            var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone);
            var midnight = new DateTimeOffset(local.Date, zone.GetUtcOffset(local.Date));
            return Results.Ok(new BranchReservationsDto(location, await reservations.ListForLocationAsync(id, midnight.ToUniversalTime(), ct)));
        });

        group.MapGet("/locations/{id:long}/staff", async (long id, CatalogueStore catalogue, BranchAccess access, CancellationToken ct) =>
        {
            await using var c = await catalogue.OpenAsync(ct);
            return await catalogue.GetLocationAsync(c, null, id, ct) is null
                ? ApiProblems.NotFound("Location") : Results.Ok(new LocationStaffDto(id, await access.StaffOfAsync(c, null, id, ct)));
        }).RequireAuthorization(AuthExtensions.AdminPolicy);

        group.MapPut("/locations/{id:long}/staff", async (long id, LocationStaffRequest request, BranchAccess access, CancellationToken ct) =>
            (await access.SetStaffAsync(id, request.UserIds ?? [], ct)).ToHttp()).RequireAuthorization(AuthExtensions.AdminPolicy);

        group.MapPost("/import", async (CatalogueImportRequest request, CatalogueImport import, CancellationToken ct) =>
            (await import.ImportAsync(request, ct)).ToHttp()).RequireAuthorization(AuthExtensions.AdminPolicy);
        // A spreadsheet of products and stock (text/csv body): parsed into the same import, so the same checks apply.
        group.MapPost("/import/csv", async (HttpRequest http, CatalogueImport import, CancellationToken ct) =>
        {
            if (http.ContentLength > MaxCsvBytes) return ApiProblems.Invalid("csv", $"The file is larger than {MaxCsvBytes / 1024 / 1024} MB.");
            using var reader = new StreamReader(http.Body, System.Text.Encoding.UTF8);
            var text = await reader.ReadToEndAsync(ct);
            if (text.Length > MaxCsvBytes) return ApiProblems.Invalid("csv", $"The file is larger than {MaxCsvBytes / 1024 / 1024} MB.");
            var parsed = CatalogueCsv.Parse(text);
            return parsed.Error is null ? (await import.ImportAsync(parsed.Value!, ct)).ToHttp() : parsed.ToHttp();
        }).RequireAuthorization(AuthExtensions.AdminPolicy).Accepts<string>("text/csv");

        // Branch staff read only their own branches' reservations; another branch's is as good as absent to them.
        group.MapGet("/reservations/{id:long}", async (long id, Viewer viewer, ReservationStore reservations, BranchAccess access, CancellationToken ct) =>
            await reservations.GetDtoAsync(id, ct) is { } r && await access.MayWorkAsync(viewer, r.LocationId, ct) ? Results.Ok(r) : ApiProblems.NotFound("Reservation"));

        group.MapPost("/reservations/{id:long}/pickup", async (long id, Viewer viewer, ReservationCommands commands, CancellationToken ct) =>
            (await commands.PickUpAsync(viewer, id, ct)).ToHttp());

        group.MapPost("/reservations/{id:long}/release", async (long id, Viewer viewer, ReservationCommands commands, CancellationToken ct) =>
            (await commands.ReleaseAsync(viewer, id, ct)).ToHttp());

        group.MapPost("/reservations/{id:long}/send", async (long id, SendReservationRequest request, Viewer viewer, CommerceSummary summary, CancellationToken ct) =>
            (await summary.SendReservationAsync(viewer, id, request.Language, ct)).ToHttp(m => Results.Created($"{Routes.ConversationMessages(m.ConversationId)}/{m.Id}", m)));

        group.MapPost("/summary", async (CommerceSummaryRequest request, CommerceSummary summary, CancellationToken ct) =>
            (await summary.WriteAsync(request, ct)).ToHttp());

        var contacts = app.MapGroup(Routes.Contacts).WithTags("Commerce").RequireAuthorization().AddEndpointFilter<CookieAntiforgeryFilter>();
        contacts.MapGet("/{id:long}/orders", async (long id, Viewer viewer, CommerceLookup lookup, CancellationToken ct) =>
            (await lookup.OrdersOfContactAsync(viewer, id, ct)).ToHttp());

        var conversations = app.MapGroup(Routes.Conversations).WithTags("Commerce").RequireAuthorization().AddEndpointFilter<CookieAntiforgeryFilter>();
        conversations.MapPost("/{id:long}/reservations", async (long id, CreateReservationRequest request, Viewer viewer, ReservationCommands commands, CancellationToken ct) =>
            (await commands.ReserveAsync(viewer, id, request, ct)).ToHttp(r => Results.Created(Routes.Reservation(r.Id), r)));
        conversations.MapGet("/{id:long}/reservations", async (long id, Viewer viewer, ConversationStore store, ReservationStore reservations, CancellationToken ct) =>
            await store.GetDtoAsync(viewer, id, ct) is null ? ApiProblems.NotFound("Conversation") : Results.Ok(await reservations.ListForConversationAsync(id, ct)));

        app.MapWooCommerceApi();
        return app;
    }
}
