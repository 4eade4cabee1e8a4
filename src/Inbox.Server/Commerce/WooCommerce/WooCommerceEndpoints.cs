using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;

namespace Inbox.Server.Commerce.WooCommerce;

/// <summary>Admin: connect the WooCommerce shop. Agents: ask the shop to cancel one of the contact's orders.</summary>
public static class WooCommerceEndpoints
{
    public static IEndpointRouteBuilder MapWooCommerceApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup(Routes.CommerceWooCommerce).WithTags("Commerce").RequireAuthorization(AuthExtensions.AdminPolicy)
            .AddEndpointFilter<CookieAntiforgeryFilter>();
        admin.MapGet("", async (WooCommerceSettings settings, CancellationToken ct) => Results.Ok(await settings.GetDtoAsync(ct)));
        admin.MapPut("", async (WooCommerceSettingsRequest request, Viewer viewer, WooCommerceConnection connection, CancellationToken ct) =>
            (await connection.SaveAsync(viewer, request, ct)).ToHttp());
        admin.MapDelete("", async (WooCommerceSettings settings, CancellationToken ct) =>
            await settings.DeleteAsync(ct) ? Results.NoContent() : ApiProblems.NotFound("WooCommerce shop"));

        var agents = app.MapGroup(Routes.Commerce).WithTags("Commerce").RequireAuthorization().AddEndpointFilter<CookieAntiforgeryFilter>();
        agents.MapPost("/orders/cancellation", async (OrderCancellationRequest request, Viewer viewer, WooCommerceConnection connection, CancellationToken ct) =>
            (await connection.RequestCancellationAsync(viewer, request, ct)).ToHttp());
        return app;
    }
}
