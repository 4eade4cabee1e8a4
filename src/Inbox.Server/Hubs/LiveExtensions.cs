using Inbox.Contracts;
using Inbox.Server.Live;
using Microsoft.AspNetCore.SignalR;

namespace Inbox.Server.Hubs;

public static class LiveExtensions
{
    public static WebApplicationBuilder AddInboxLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        builder.Services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Replaces SignalR's default for AgentHub: pushes are queued per connection (see AgentHubLifetimeManager).
        builder.Services.AddSingleton<AgentHubLifetimeManager>();
        builder.Services.AddSingleton<HubLifetimeManager<AgentHub>>(s => s.GetRequiredService<AgentHubLifetimeManager>());
        builder.Services.AddSingleton<AgentConnections>();
        builder.Services.AddSingleton<IInboxNotifier, SignalRInboxNotifier>();
        return builder;
    }

    public static IEndpointRouteBuilder MapInboxHubs(this IEndpointRouteBuilder app)
    {
        app.MapHub<AgentHub>(Routes.AgentHub);
        return app;
    }
}
