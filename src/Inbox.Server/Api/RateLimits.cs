using System.Globalization;
using System.Threading.RateLimiting;
using Inbox.Server.Channels;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Api;

/// <summary>Limits on the endpoints anyone can reach: webhooks (by channel); a refused request is told when to retry.
/// Sign-in has its own throttle (<see cref="Agents.SignInThrottle"/>), per account and address rather than per address alone.</summary>
public static class RateLimits
{
    public const string Webhooks = "webhooks";

    public static IServiceCollection AddInboxRateLimits(this IServiceCollection services) => services.AddRateLimiter(o =>
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.OnRejected = (context, _) =>
        {
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return ValueTask.CompletedTask;
        };
        // Per channel (its webhook key or id): a leaked URL flooded with junk cannot starve the other channels.
        o.AddPolicy(Webhooks, ctx =>
        {
            var permits = ctx.RequestServices.GetRequiredService<IOptions<WebhookOptions>>().Value.PermitsPerSecond;
            var channel = ctx.Request.RouteValues.TryGetValue("key", out var key) ? $"k:{key}" : $"i:{ctx.Request.RouteValues["id"]}";
            return RateLimitPartition.GetTokenBucketLimiter(channel, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = permits * 2, TokensPerPeriod = permits, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0, AutoReplenishment = true,
            });
        });
    });
}
