using System.Threading.RateLimiting;

namespace Inbox.Server.Api;

/// <summary>Limits on the endpoints anyone can reach: sign-in (by client address).</summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";

    public static IServiceCollection AddInboxRateLimits(this IServiceCollection services) => services.AddRateLimiter(o =>
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.AddPolicy(SignIn, ctx => RateLimitPartition.GetFixedWindowLimiter(
            ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = 20, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    });
}
