using System.Threading.RateLimiting;
using Inbox.Connectors.Abstractions;
using Inbox.Contracts;
using Inbox.Server.Hubs;
using Inbox.Server.Live;
using Microsoft.AspNetCore.RateLimiting;

namespace Inbox.Server.Widget;

public static class WidgetExtensions
{
    /// <summary>The website chat widget: visitor sessions, its hub, live visitors, and the web chat connector's way out.</summary>
    public static WebApplicationBuilder AddInboxWidget(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WidgetOptions>().BindConfiguration(WidgetOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<WidgetChannels>();
        builder.Services.AddSingleton<VisitorStore>();
        builder.Services.AddSingleton<VisitorSessions>();
        builder.Services.AddSingleton<VisitorFiles>();
        builder.Services.AddSingleton<WidgetAvailability>();
        builder.Services.AddSingleton<IVisitorPresence, LocalVisitorPresence>();
        builder.Services.AddSingleton<WidgetLive>();
        builder.Services.AddSingleton<IWebVisitorDelivery, WidgetDelivery>();
        builder.Services.AddSingleton<ProactiveChat>();
        builder.Services.AddSingleton<WidgetAcknowledgements>();
        // Agents typing reach the visitors' widgets too: the agents' notifier, wrapped.
        builder.Services.AddSingleton<SignalRInboxNotifier>();
        builder.Services.AddSingleton<IInboxNotifier, WidgetAwareNotifier>();
        // Per client address and channel. On the hub only the negotiation counts (a connection's long polls and sends are
        // its own traffic; its calls spend from the hub's per-connection budget).
        builder.Services.Configure<RateLimiterOptions>(o => o.AddPolicy(WidgetEndpoints.RateLimit, http =>
        {
            var path = http.Request.Path.Value ?? "";
            if (path.StartsWith(WidgetRoutes.Hub, StringComparison.OrdinalIgnoreCase) && !path.EndsWith("/negotiate", StringComparison.OrdinalIgnoreCase))
                return RateLimitPartition.GetNoLimiter("hub-connection");
            var permits = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<WidgetOptions>>().Value.PermitsPerSecond;
            var key = http.Request.RouteValues["key"]?.ToString() ?? http.Request.Query["channel"].ToString();
            return RateLimitPartition.GetTokenBucketLimiter($"{http.Connection.RemoteIpAddress}|{key}", _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = permits * 2, TokensPerPeriod = permits, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0, AutoReplenishment = true,
            });
        }));
        builder.Services.Configure<RateLimiterOptions>(o => o.AddPolicy(WidgetEndpoints.UploadRateLimit, http =>
        {
            var uploads = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<WidgetOptions>>().Value.UploadsPerMinute;
            return RateLimitPartition.GetTokenBucketLimiter($"uploads|{http.Connection.RemoteIpAddress}|{http.Request.RouteValues["key"]}", _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = uploads, TokensPerPeriod = uploads, ReplenishmentPeriod = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
            });
        }));
        return builder;
    }

    /// <summary>Before routing: the widget's cross-origin checks and answers (preflights included).</summary>
    public static IApplicationBuilder UseInboxWidgetCors(this IApplicationBuilder app) => app.UseMiddleware<WidgetCors>();

    public static IEndpointRouteBuilder MapInboxWidget(this IEndpointRouteBuilder app)
    {
        app.MapWidgetApi();
        app.MapLiveVisitorsApi();
        app.MapWidgetScript();
        app.MapWidgetDemo();
        app.MapHub<WidgetHub>(WidgetRoutes.Hub, o => o.ApplicationMaxBufferSize = 16 * 1024)
            .RequireRateLimiting(WidgetEndpoints.RateLimit);
        return app;
    }
}
