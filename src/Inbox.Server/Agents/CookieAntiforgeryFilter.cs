using Microsoft.AspNetCore.Antiforgery;

namespace Inbox.Server.Agents;

/// <summary>State changes authorised by the browser's cookie must carry the antiforgery header;
/// bearer-token calls cannot be forged cross-site and skip it.</summary>
public sealed class CookieAntiforgeryFilter(IAntiforgery antiforgery, ILogger<CookieAntiforgeryFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var unsafeMethod = !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method));
        if (unsafeMethod && http.User.Identity is { IsAuthenticated: true, AuthenticationType: AuthExtensions.CookieScheme })
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                logger.LogInformation("Rejected {Method} {Path}: missing or invalid antiforgery token", http.Request.Method, http.Request.Path);
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing or invalid antiforgery token",
                    detail: $"Fetch a token from GET {Contracts.Routes.Antiforgery} and send it in the {Contracts.Routes.AntiforgeryHeader} header.");
            }
        }
        return await next(context);
    }
}
