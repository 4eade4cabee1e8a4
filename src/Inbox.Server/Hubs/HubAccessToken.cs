using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace Inbox.Server.Hubs;

/// <summary>
/// Browsers cannot set headers on WebSockets, so SignalR clients may send an API token as <c>?access_token=</c>. This
/// moves it into the Authorization header as the request is created, before anything sees the URL: the hosting request
/// log (at Information) and every later log line show the hub URL without the token.
/// </summary>
public sealed class HubAccessToken(IServiceProvider services) : IHttpContextFactory
{
    private const string Parameter = "access_token";
    private readonly DefaultHttpContextFactory _inner = new(services);

    public HttpContext Create(IFeatureCollection features)
    {
        if (features.Get<IHttpRequestFeature>() is { } request && request.QueryString.Contains(Parameter + "=", StringComparison.Ordinal)
            && request.Path.StartsWith("/hubs/", StringComparison.OrdinalIgnoreCase))
            MoveToHeader(request);
        return _inner.Create(features);
    }

    public void Dispose(HttpContext httpContext) => _inner.Dispose(httpContext);

    private static void MoveToHeader(IHttpRequestFeature request)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString);
        if (!query.Remove(Parameter, out var token)) return;
        var rest = new QueryBuilder(query.SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? "")))).ToQueryString().Value ?? "";
        request.QueryString = rest;
        request.RawTarget = request.PathBase + request.Path + rest;
        if (string.IsNullOrEmpty(request.Headers.Authorization)) request.Headers.Authorization = "Bearer " + token.ToString();
    }
}
