using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;

namespace Inbox.Server.Contacts;

public static class ContactEndpoints
{
    public static IEndpointRouteBuilder MapContactsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Routes.Contacts).WithTags("Contacts").RequireAuthorization().AddEndpointFilter<CookieAntiforgeryFilter>()
            .AddEndpointFilter(new MergedIdRedirect(MergedIds.Contact));

        group.MapGet("", async (string? q, long? exclude, int? limit, Viewer viewer, ContactStore contacts, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(q) || q.Trim().Length < 2) return ApiProblems.Invalid("q", "Search needs at least 2 characters.");
            if (limit is < 1 or > 100) return ApiProblems.Invalid("limit", "Limit is between 1 and 100.");
            return Results.Ok(await contacts.SearchAsync(viewer, q, exclude, limit ?? 20, ct));
        });

        group.MapGet("/{id:long}", async (long id, Viewer viewer, ContactCommands contacts, CancellationToken ct) =>
            (await contacts.GetAsync(viewer, id, ct)).ToHttp());

        group.MapPatch("/{id:long}", async (long id, UpdateContactRequest request, Viewer viewer, ContactCommands contacts, CancellationToken ct) =>
            (await contacts.UpdateAsync(viewer, id, request, ct)).ToHttp());

        group.MapPost("/{id:long}/merge", async (long id, MergeContactsRequest request, Viewer viewer, ContactCommands contacts, CancellationToken ct) =>
            (await contacts.MergeAsync(viewer, id, request.SourceContactId, ct)).ToHttp());

        group.MapDelete("/{id:long}", async (long id, Viewer viewer, PersonalDataErasure erasure, CancellationToken ct) =>
            (await erasure.EraseContactAsync(viewer, id, ct)).ToHttp())
            .RequireAuthorization(AuthExtensions.AdminPolicy);

        group.MapGet("/{id:long}/export", async (long id, HttpContext http, ContactExport export, CancellationToken ct) =>
        {
            // Buffered: a zip's directory is written last, and a missing contact must still be a clean 404.
            var buffer = new MemoryStream();
            if (!await export.WriteAsync(id, buffer, ct)) return ApiProblems.NotFound("Contact");
            buffer.Position = 0;
            return Results.File(buffer, "application/zip", $"contact-{id}.zip");
        }).RequireAuthorization(AuthExtensions.AdminPolicy);

        return app;
    }
}
