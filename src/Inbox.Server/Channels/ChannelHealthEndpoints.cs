using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;

namespace Inbox.Server.Channels;

/// <summary>What admins see of a channel's plumbing: the webhook URL to paste into the provider, and its health.</summary>
public static class ChannelHealthEndpoints
{
    public static IEndpointRouteBuilder MapChannelHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.Channels + "/{id:long}/health", async (long id, HttpRequest request, ChannelStore store, ChannelConnectors connectors,
                ChannelHealthStore health, Microsoft.Extensions.Options.IOptions<WebhookOptions> options, TimeProvider time, CancellationToken ct) =>
            {
                var channel = await store.GetAsync(id, ct);
                if (channel is null) return ApiProblems.NotFound("Channel");
                var h = await health.GetAsync(id, time.GetUtcNow(), ct);
                var webhookUrl = connectors.Receiver(channel.Type) is null ? null : $"{options.Value.PublicBase(request)}{ChannelWebhookEndpoints.Prefix}/{channel.WebhookKey}";
                return Results.Ok(h with { WebhookUrl = webhookUrl });
            })
            .WithTags("Channels")
            .RequireAuthorization(AuthExtensions.AdminPolicy)
            .WithSummary("The channel's webhook URL and health: last success, last error, the node working it.");

        app.MapGet(Routes.KeyProtection, (Microsoft.Extensions.Options.IOptions<KeyProtectionOptions> keys) =>
                new KeyProtectionDto(keys.Value.CertificatePath.Length > 0))
            .WithTags("Channels")
            .RequireAuthorization(AuthExtensions.AdminPolicy)
            .WithSummary("Whether the keys that encrypt channel credentials are themselves encrypted (Inbox:Keys:CertificatePath).");
        return app;
    }
}
