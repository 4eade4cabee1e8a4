using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;

namespace Inbox.Server.Mentions;

public static class MentionEndpoints
{
    public static IEndpointRouteBuilder MapMentionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.Mentions, async (int? limit, Viewer viewer, MentionStore store, CancellationToken ct) =>
            limit is < 1 or > 200 ? ApiProblems.Invalid("limit", "Limit is between 1 and 200.") : Results.Ok(await store.ListForAsync(viewer, limit ?? 50, ct)))
            .WithTags("Mentions").RequireAuthorization();
        return app;
    }
}
