using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;

namespace Inbox.Server.Api;

/// <summary>
/// Why no endpoint took an /api request. Routing skips an endpoint whose method or body type does not fit and then
/// lands on the API's catch-all; that would answer 404 for a path that exists. This tells the three apart: a JSON
/// endpoint sent another content type (415), a path with other methods (405), or really no such endpoint (404).
/// </summary>
public sealed class UnmatchedApiRequest(EndpointDataSource endpoints)
{
    private readonly Lazy<IReadOnlyList<Route>> _routes = new(() => endpoints.Endpoints.OfType<RouteEndpoint>()
        .Where(e => e.RoutePattern.Parameters.All(p => !p.IsCatchAll) && e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null)
        .Select(e => new Route(
            new TemplateMatcher(new RouteTemplate(e.RoutePattern), new RouteValueDictionary()),
            e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods,
            e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? []))
        .ToList());

    public IResult Answer(HttpRequest request)
    {
        var sameRoute = _routes.Value.Where(r => r.Matcher.TryMatch(request.Path, new RouteValueDictionary())).ToList();
        var sameMethod = sameRoute.Where(r => r.Methods.Contains(request.Method, StringComparer.OrdinalIgnoreCase)).ToList();
        if (sameMethod.Count > 0 && sameMethod.All(r => r.ContentTypes.Count > 0))
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type",
                detail: $"{request.Method} {request.Path} takes a body of type {string.Join(" or ", sameMethod.SelectMany(r => r.ContentTypes).Distinct())}"
                    + $", not '{(string.IsNullOrEmpty(request.ContentType) ? "none" : request.ContentType)}'.");
        if (sameRoute.Count > 0 && sameMethod.Count == 0)
        {
            var allowed = string.Join(", ", sameRoute.SelectMany(r => r.Methods).Distinct());
            return Results.Problem(statusCode: StatusCodes.Status405MethodNotAllowed, title: "Method not allowed",
                detail: $"{request.Path} answers {allowed}.", extensions: new Dictionary<string, object?> { ["allow"] = allowed });
        }
        return ApiProblems.NotFound("Endpoint");
    }

    private sealed record Route(TemplateMatcher Matcher, IReadOnlyList<string> Methods, IReadOnlyList<string> ContentTypes);
}
