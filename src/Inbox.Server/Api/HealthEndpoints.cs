using Inbox.Server.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Inbox.Server.Api;

/// <summary>For load balancers and orchestrators: /health/live (the process answers) and /health/ready (it can
/// serve: the database answers). Anonymous, and they reveal nothing but a status word.</summary>
public static class HealthEndpoints
{
    public static IServiceCollection AddInboxHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    public static IEndpointRouteBuilder MapInboxHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }
}
