using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;

namespace Inbox.Server.Notifications;

public static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.Notifications, async (int? limit, Viewer viewer, NotificationStore store, CancellationToken ct) =>
            limit is < 1 or > 200 ? ApiProblems.Invalid("limit", "Limit is between 1 and 200.") : Results.Ok(await store.ListForAsync(viewer, limit ?? 50, ct)))
            .WithTags("Notifications").RequireAuthorization();
        return app;
    }
}
