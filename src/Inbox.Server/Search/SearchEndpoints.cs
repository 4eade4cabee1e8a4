using Inbox.Contracts;
using Inbox.Server.Agents;

namespace Inbox.Server.Search;

public static class SearchEndpoints
{
    /// <summary>Services of search: the message index, its query, the contact directory and the request checks.</summary>
    public static WebApplicationBuilder AddInboxSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SearchIndexer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SearchIndexer>());
        builder.Services.AddSingleton<MessageSearch>();
        builder.Services.AddSingleton<ContactDirectory>();
        builder.Services.AddSingleton<InboxSearch>();
        return builder;
    }

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup(Routes.Search).WithTags("Search").RequireAuthorization().AddEndpointFilter<CookieAntiforgeryFilter>()
            .MapGet("", async (string? q, string? kind, string? cursor, int? limit, long? channel, Viewer viewer, InboxSearch search, CancellationToken ct) =>
                (await search.SearchAsync(viewer, q, kind, cursor, limit, channel, ct)).ToHttp())
            .WithSummary("Search messages (every word as a prefix, accents and case aside) or contacts (name, email, phone, address), newest first.");
        return app;
    }
}
