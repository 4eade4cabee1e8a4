using System.Security.Cryptography;
using Inbox.Contracts;

namespace Inbox.Server.Widget;

/// <summary>
/// <c>/widget.js</c>: the bundle esbuild made from <c>widget/</c> at build time (see Inbox.Server.csproj), embedded in the
/// assembly so every way of running the server (dotnet run, a published folder, tests) serves the same bytes.
/// </summary>
public static class WidgetScript
{
    public const string ResourceName = "Inbox.Server.widget.js";

    private static readonly Lazy<(byte[] Bytes, string ETag)?> Bundle = new(() =>
    {
        using var stream = typeof(WidgetScript).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null) return null;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        return (bytes, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"");
    });

    public static bool IsBuilt => Bundle.Value is not null;

    public static IEndpointRouteBuilder MapWidgetScript(this IEndpointRouteBuilder app)
    {
        app.MapGet(WidgetRoutes.Script, (HttpContext http) =>
            {
                if (Bundle.Value is not { } bundle)
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "The widget was not built: install Node.js and build the server again.");
                var headers = http.Response.Headers;
                headers.CacheControl = "public, max-age=300";
                headers.ETag = bundle.ETag;
                // Sites that isolate themselves (Cross-Origin-Embedder-Policy) may still load it.
                headers["Cross-Origin-Resource-Policy"] = "cross-origin";
                if (http.Request.Headers.IfNoneMatch == bundle.ETag) return Results.StatusCode(StatusCodes.Status304NotModified);
                return Results.Bytes(bundle.Bytes, "text/javascript; charset=utf-8");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
