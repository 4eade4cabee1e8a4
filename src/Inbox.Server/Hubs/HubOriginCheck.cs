using Microsoft.Extensions.Options;

namespace Inbox.Server.Hubs;

/// <summary>
/// Browsers send cookies with cross-site WebSockets and never apply CORS to them: a page on another site could open
/// the agent hub as the agent (cross-site WebSocket hijacking). A browser always names its page's Origin, so a hub
/// request from a foreign Origin is refused; clients that send no Origin (integrations, bearer tokens) are not browsers.
/// </summary>
public sealed partial class HubOriginCheck(IOptions<LiveOptions> options, ILogger<HubOriginCheck> logger)
{
    private readonly IReadOnlySet<string> _allowed = options.Value.AllowedOriginSet;

    public bool Allows(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return true;
        var own = $"{request.Scheme}://{request.Host.Value}";
        if (string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) || _allowed.Contains(origin)) return true;
        LogRefused(request.Path);
        return false;
    }

    /// <summary>Wraps each hub endpoint (negotiate and connect) so a foreign Origin gets a 403 before SignalR sees it.</summary>
    public static void Guard(EndpointBuilder endpoint)
    {
        var inner = endpoint.RequestDelegate!;
        endpoint.RequestDelegate = http =>
        {
            if (http.RequestServices.GetRequiredService<HubOriginCheck>().Allows(http.Request)) return inner(http);
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a hub request to {Path} from a foreign origin")]
    private partial void LogRefused(PathString path);
}
