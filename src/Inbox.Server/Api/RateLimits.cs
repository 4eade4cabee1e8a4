using System.Threading.RateLimiting;
using Inbox.Server.Channels;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Api;

/// <summary>Limits on the endpoints anyone can reach: sign-in (by client address) and webhooks (by channel).</summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Webhooks = "webhooks";

    public static IServiceCollection AddInboxRateLimits(this IServiceCollection services) => services.AddRateLimiter(o =>
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.OnRejected = (ctx, _) =>
        {
            if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after))
                ctx.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ValueTask.CompletedTask;
        };
        o.AddPolicy(SignIn, ctx => RateLimitPartition.GetFixedWindowLimiter(
            ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = 20, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
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
