using Inbox.Connectors.Abstractions;
using Inbox.Connectors.Api;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;

namespace Inbox.Server.Channels;

/// <summary>Channel configuration: everyone signed in may read it; admins change it.</summary>
public static class ChannelEndpoints
{
    public const string InboundTokenPrefix = "inbox_ch_";

    public static IEndpointRouteBuilder MapChannelsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Routes.Channels).WithTags("Channels").RequireAuthorization().AddEndpointFilter<CookieAntiforgeryFilter>();

        group.MapGet("", async (ChannelStore store, CancellationToken ct) => (await store.ListAsync(ct)).Select(store.ToDto).ToList());

        group.MapGet("/{id:long}", async (long id, ChannelStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } channel ? Results.Ok(store.ToDto(channel)) : ApiProblems.NotFound("Channel"));

        group.MapPost("", async (CreateChannelRequest request, ChannelStore store, IServiceProvider services, TimeProvider time, ILoggerFactory logs, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100) return ApiProblems.Invalid("name", "A channel name of 1 to 100 characters is required.");
            var connector = string.IsNullOrWhiteSpace(request.Type) ? null : services.GetKeyedService<IChannelConnector>(request.Type);
            if (connector is null) return ApiProblems.Invalid("type", $"Unknown channel type '{request.Type}'.");
            var settings = request.Settings ?? [];
            var secrets = request.Secrets ?? [];
            if (Unknown(settings.Keys, connector.Schema.Settings) is { } badSetting) return ApiProblems.Invalid("settings", $"Unknown setting '{badSetting}'.");
            if (Unknown(secrets.Keys, connector.Schema.Secrets) is { } badSecret) return ApiProblems.Invalid("secrets", $"Unknown secret '{badSecret}'.");
            var missing = connector.Schema.Fields.Where(f => f.Required).Select(f => f.Key).FirstOrDefault(k => !settings.ContainsKey(k) && !secrets.ContainsKey(k));
            if (missing is not null) return ApiProblems.Invalid(missing, $"'{missing}' is required for a {request.Type} channel.");

            string? inboundToken = null, webhookSecret = null;
            if (request.Type == ChannelTypes.Api)
            {
                inboundToken = IssuedSecrets.New(InboundTokenPrefix);
                if (!secrets.ContainsKey(ApiChannelConnector.WebhookSecret)) secrets[ApiChannelConnector.WebhookSecret] = webhookSecret = IssuedSecrets.New("whsec_");
            }
            var channel = await store.CreateAsync(request.Type, request.Name, settings, secrets, inboundToken is null ? null : IssuedSecrets.Hash(inboundToken), time.GetUtcNow(), ct);
            logs.CreateLogger("Inbox.Channels").LogInformation("Created {ChannelType} channel {ChannelId}", channel.Type, channel.Id);
            return Results.Created(Routes.Channel(channel.Id), new ChannelCreatedDto(store.ToDto(channel), inboundToken, webhookSecret));
        }).RequireAuthorization(AuthExtensions.AdminPolicy);

        group.MapPatch("/{id:long}", async (long id, UpdateChannelRequest request, ChannelStore store, ChannelCache cache, ChannelSecrets protector, IServiceProvider services, TimeProvider time, CancellationToken ct) =>
        {
            var channel = await store.GetAsync(id, ct);
            if (channel is null) return ApiProblems.NotFound("Channel");
            var connector = services.GetKeyedService<IChannelConnector>(channel.Type);
            if (request.Name is not null)
            {
                if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100) return ApiProblems.Invalid("name", "A channel name of 1 to 100 characters is required.");
                channel.Name = request.Name.Trim();
            }
            if (request.Enabled is { } enabled) channel.Enabled = enabled;
            if (request.Settings is not null)
            {
                if (connector is not null && Unknown(request.Settings.Keys, connector.Schema.Settings) is { } bad) return ApiProblems.Invalid("settings", $"Unknown setting '{bad}'.");
                var merged = ChannelStore.SettingsOf(channel).ToDictionary();
                foreach (var (k, v) in request.Settings) merged[k] = v;
                channel.Settings = System.Text.Json.JsonSerializer.Serialize(merged);
            }
            if (request.Secrets is not null)
            {
                if (connector is not null && Unknown(request.Secrets.Keys, connector.Schema.Secrets) is { } bad) return ApiProblems.Invalid("secrets", $"Unknown secret '{bad}'.");
                var merged = store.SecretsOf(channel).ToDictionary();
                foreach (var (k, v) in request.Secrets) merged[k] = v;
                channel.Secrets = protector.Protect(merged);
            }
            await store.UpdateAsync(channel, time.GetUtcNow(), ct);
            cache.Invalidate(channel.Id);
            return Results.Ok(store.ToDto(channel));
        }).RequireAuthorization(AuthExtensions.AdminPolicy);

        group.MapPost("/{id:long}/test", async (long id, ChannelStore store, IServiceProvider services, CancellationToken ct) =>
        {
            var channel = await store.GetAsync(id, ct);
            if (channel is null) return ApiProblems.NotFound("Channel");
            var connector = services.GetKeyedService<IChannelConnector>(channel.Type);
            return connector is null
                ? ApiProblems.Invalid("type", $"No connector for channel type '{channel.Type}'.")
                : Results.Ok(await connector.TestConnectionAsync(store.ContextOf(channel), ct));
        }).RequireAuthorization(AuthExtensions.AdminPolicy);

        return app;
    }

    private static string? Unknown(IEnumerable<string> keys, IReadOnlyList<string> allowed) => keys.FirstOrDefault(k => !allowed.Contains(k));
}
