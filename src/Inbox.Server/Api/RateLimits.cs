using System.Globalization;
using System.Threading.RateLimiting;

namespace Inbox.Server.Api;

/// <summary>The rate limiter's shared behaviour: a refused request is told when to retry. Sign-in has its own
/// throttle (<see cref="Agents.SignInThrottle"/>), per account and address rather than per address alone.</summary>
public static class RateLimits
{
    public static IServiceCollection AddInboxRateLimits(this IServiceCollection services) => services.AddRateLimiter(o =>
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.OnRejected = (context, _) =>
        {
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return ValueTask.CompletedTask;
        };
    });
}
