using Microsoft.Extensions.FileProviders;

namespace Inbox.Server.Api;

/// <summary>
/// Maps the console's static files. A Debug build carries the console published (trimmed, precompressed) in
/// <c>console/</c> beside the server (Inbox.Server.csproj, InboxConsoleTrimmed) and serves that folder's endpoint manifest;
/// otherwise the console comes from the server's own static web assets manifest (Release builds, the published server).
/// </summary>
public static class ConsoleAssets
{
    public static WebApplication MapInboxConsoleAssets(this WebApplication app)
    {
        var published = Path.Combine(AppContext.BaseDirectory, "console");
        var manifest = Path.Combine(published, "Inbox.Web.staticwebassets.endpoints.json");
        if (!File.Exists(manifest))
        {
            app.MapStaticAssets();
            return app;
        }
        // MapStaticAssets and the index.html fallback read files from the web root: the published wwwroot comes first.
        app.Environment.WebRootFileProvider = new CompositeFileProvider(
            new PhysicalFileProvider(Path.Combine(published, "wwwroot")), app.Environment.WebRootFileProvider);
        app.MapStaticAssets(manifest);
        return app;
    }
}
