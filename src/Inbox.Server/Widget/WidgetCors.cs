using Inbox.Contracts;

namespace Inbox.Server.Widget;

/// <summary>
/// The widget runs on other sites: its HTTP calls and its hub are cross-origin. Every request to <c>/api/widget/{key}/…</c>
/// and <c>/hubs/widget?channel={key}</c> names its channel, and a browser's Origin must be the server's own or one of that
/// channel's allowed origins, else 403 (preflight included). Allowed origins get CORS headers without credentials: the
/// widget sends no cookies, its token travels in a header or a hub call. Unknown channels answer 404.
/// </summary>
public sealed partial class WidgetCors(RequestDelegate next, ILogger<WidgetCors> logger)
{
    private const string ApiPrefix = "/api/widget/";

    public async Task InvokeAsync(HttpContext http, WidgetChannels channels)
    {
        var key = ChannelKey(http.Request);
        if (key is null)
        {
            await next(http);
            return;
        }
        var channel = await channels.FindAsync(key, http.RequestAborted);
        if (channel is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            var own = $"{http.Request.Scheme}://{http.Request.Host.Value}";
            if (!string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) && !channel.Settings.AllowsOrigin(origin))
            {
                LogRefused(channel.Id);
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            var headers = http.Response.Headers;
            headers.AccessControlAllowOrigin = origin;
            headers.Vary = "Origin";
            if (HttpMethods.IsOptions(http.Request.Method))
            {
                headers.AccessControlAllowMethods = "GET, POST, DELETE";
                headers.AccessControlAllowHeaders = $"Content-Type, {WidgetRoutes.VisitorHeader}, X-Requested-With, X-SignalR-User-Agent";
                headers.AccessControlMaxAge = "600";
                http.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }
        }
        http.Items[typeof(WidgetChannel)] = channel;
        await next(http);
    }

    private static string? ChannelKey(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        if (path.StartsWith(ApiPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var rest = path[ApiPrefix.Length..];
            var slash = rest.IndexOf('/');
            return slash > 0 ? rest[..slash] : rest;
        }
        if (path.StartsWith(WidgetRoutes.Hub, StringComparison.OrdinalIgnoreCase))
            return request.Query["channel"].ToString() is { Length: > 0 } key ? key : "";
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a widget request for channel {ChannelId} from an origin it does not allow")]
    private partial void LogRefused(long channelId);
}
