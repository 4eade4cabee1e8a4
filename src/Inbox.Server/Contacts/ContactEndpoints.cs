using Inbox.Contracts;
using Inbox.Server.Agents;

namespace Inbox.Server.Contacts;

public static class ContactEndpoints
{
    public static IEndpointRouteBuilder MapContactsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Routes.Contacts).WithTags("Contacts").RequireAuthorization().AddEndpointFilter<CookieAntiforgeryFilter>();

        group.MapGet("/{id:long}", async (long id, HttpContext http, ViewerResolver viewers, ContactCommands contacts, CancellationToken ct) =>
            (await contacts.GetAsync(await viewers.ResolveAsync(http.User, ct), id, ct)).ToHttp());

        group.MapPatch("/{id:long}", async (long id, UpdateContactRequest request, HttpContext http, ViewerResolver viewers, ContactCommands contacts, CancellationToken ct) =>
            (await contacts.UpdateAsync(await viewers.ResolveAsync(http.User, ct), id, request, ct)).ToHttp());

        group.MapPost("/{id:long}/merge", async (long id, MergeContactsRequest request, HttpContext http, ViewerResolver viewers, ContactCommands contacts, CancellationToken ct) =>
            (await contacts.MergeAsync(await viewers.ResolveAsync(http.User, ct), id, request.SourceContactId, ct)).ToHttp());

        return app;
    }
}
