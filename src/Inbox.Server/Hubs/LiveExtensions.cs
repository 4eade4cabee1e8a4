using Inbox.Contracts;
using Inbox.Server.Live;

namespace Inbox.Server.Hubs;

public static class LiveExtensions
{
    public static WebApplicationBuilder AddInboxLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
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
