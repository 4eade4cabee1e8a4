using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;

namespace Inbox.Server.Contacts;

public static class ContactEndpoints
{
    public static IEndpointRouteBuilder MapContactsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Routes.Contacts).WithTags("Contacts").RequireAuthorization().AddEndpointFilter<CookieAntiforgeryFilter>();

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

        return app;
    }
}
