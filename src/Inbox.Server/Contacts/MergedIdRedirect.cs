namespace Inbox.Server.Contacts;

/// <summary>
/// An endpoint group filter: when a request for <c>{id}</c> finds nothing because that contact or conversation was merged
/// away, the 404 problem says where it went: <c>mergedInto</c> (the survivor's id) and <c>location</c> (this path under
/// it). Not a 301/308: HTTP clients drop the Authorization header when they follow a redirect, so an integrator's
/// bearer request would end in a puzzling 401, and a write must never be silently applied to another record.
/// </summary>
public sealed class MergedIdRedirect(string kind) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (result is not IStatusCodeHttpResult { StatusCode: StatusCodes.Status404NotFound }) return result;
        var http = context.HttpContext;
        if (http.Request.RouteValues["id"] is not string raw || !long.TryParse(raw, out var id)) return result;
        var survivor = await http.RequestServices.GetRequiredService<MergedIds>().SurvivorAsync(kind, id, http.RequestAborted);
        if (survivor is not { } to) return result;

        var path = http.Request.Path.Value!;
        var segment = "/" + raw;
        var at = path.IndexOf(segment, StringComparison.Ordinal);
        var location = path[..at] + "/" + to + path[(at + segment.Length)..] + http.Request.QueryString;
        return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"This {kind} was merged into {to}",
            extensions: new Dictionary<string, object?> { ["mergedInto"] = to, ["location"] = location });
    }
}
