using Inbox.Contracts;
using Inbox.Server.Live;
using Microsoft.AspNetCore.SignalR;

namespace Inbox.Server.Hubs;

public static class LiveExtensions
{
    public static WebApplicationBuilder AddInboxLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.AllowedOriginSet.All(origin => Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.AbsolutePath == "/"),
                $"{LiveOptions.Section}:AllowedOrigins lists origins as scheme://host[:port], separated by commas.")
            .Validate(o => o.RecheckInterval > TimeSpan.Zero, $"{LiveOptions.Section}:RecheckInterval must be positive.")
            .ValidateOnStart();
        builder.Services.AddSignalR(o => o.AddFilter<HubCallLogging>());
        builder.Services.AddSingleton<HubCallLogging>();
        builder.Services.AddSingleton<HubOriginCheck>();
        // Replaces SignalR's default for AgentHub: pushes are queued per connection (see AgentHubLifetimeManager).
        builder.Services.AddSingleton<AgentHubLifetimeManager>();
        builder.Services.AddSingleton<HubLifetimeManager<AgentHub>>(s => s.GetRequiredService<AgentHubLifetimeManager>());
        builder.Services.AddSingleton<AgentConnections>();
        builder.Services.AddSingleton<ConversationViewers>();
        builder.Services.AddSingleton<Presence.AgentPresence>();
        var redis = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        if (redis.Enabled)
        {
            // Several nodes: pushes go through Redis to every node's connections, and so do connection closes.
            builder.Services.AddSingleton<StackExchange.Redis.IConnectionMultiplexer>(_ => StackExchange.Redis.ConnectionMultiplexer.Connect(redis.ConnectionString!));
            builder.Services.AddSingleton<RedisLivePush>();
            builder.Services.AddSingleton<ILivePush>(sp => sp.GetRequiredService<RedisLivePush>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<RedisLivePush>());
            builder.Services.AddSingleton<ClusterLiveConnections>();
            builder.Services.AddSingleton<ILiveConnections>(sp => sp.GetRequiredService<ClusterLiveConnections>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<ClusterLiveConnections>());
            builder.Services.AddHostedService<Presence.ClusterPresence>();
        }
        else
        {
            builder.Services.AddSingleton<ILivePush, LocalLivePush>();
            builder.Services.AddSingleton<ILiveConnections>(sp => sp.GetRequiredService<AgentConnections>());
        }
        builder.Services.AddSingleton<IInboxNotifier, SignalRInboxNotifier>();
        builder.Services.AddHostedService<LiveRecheck>();
        builder.Services.AddSingleton<IHttpContextFactory, HubAccessToken>();
        // HubCallLogging logs refused calls as one warning line; SignalR would log each as an error with a stack trace.
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.Critical);
        return builder;
    }

    public static IEndpointRouteBuilder MapInboxHubs(this IEndpointRouteBuilder app)
    {
        app.MapHub<AgentHub>(Routes.AgentHub).Add(HubOriginCheck.Guard);
        return app;
    }
}
