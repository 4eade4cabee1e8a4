using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;

namespace Inbox.Server.Channels;

/// <summary>Channel configuration: everyone signed in may read it and the channel types; admins change it.</summary>
public static class ChannelEndpoints
{
    public static IEndpointRouteBuilder MapChannelsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.ChannelTypes, (ChannelTypeCatalog catalog) => catalog.All)
            .WithTags("Channels").RequireAuthorization()
            .WithSummary("Every channel type this server runs: its settings fields (typed, labelled in en/es) and capabilities.");

        var group = app.MapGroup(Routes.Channels).WithTags("Channels").RequireAuthorization().AddEndpointFilter<CookieAntiforgeryFilter>();

        group.MapGet("", async (ChannelStore store, CancellationToken ct) => (await store.ListAsync(ct)).Select(store.ToDto).ToList());

        group.MapGet("/{id:long}", async (long id, ChannelStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } channel ? Results.Ok(store.ToDto(channel)) : ApiProblems.NotFound("Channel"));

        group.MapPost("", async (CreateChannelRequest request, ChannelCommands commands, CancellationToken ct) =>
            (await commands.CreateAsync(request, ct)).ToHttp(created => Results.Created(Routes.Channel(created.Channel.Id), created)))
            .RequireAuthorization(AuthExtensions.AdminPolicy);

        group.MapPatch("/{id:long}", async (long id, UpdateChannelRequest request, ChannelCommands commands, CancellationToken ct) =>
            (await commands.UpdateAsync(id, request, ct)).ToHttp())
            .RequireAuthorization(AuthExtensions.AdminPolicy);

        group.MapPost("/{id:long}/rotate", async (long id, RotateChannelRequest request, ChannelCommands commands, CancellationToken ct) =>
            (await commands.RotateAsync(id, request, ct)).ToHttp())
            .RequireAuthorization(AuthExtensions.AdminPolicy)
            .WithSummary("New inbound token and generated secrets (shown once); the old ones stay valid for graceHours.");

        group.MapDelete("/{id:long}", async (long id, ChannelCommands commands, CancellationToken ct) =>
            (await commands.ArchiveAsync(id, ct)).ToHttp())
            .RequireAuthorization(AuthExtensions.AdminPolicy)
            .WithSummary("Archive the channel: inbound refused (410), nothing sent, its conversations kept.");

        group.MapPost("/{id:long}/test", async (long id, ChannelCommands commands, CancellationToken ct) =>
            (await commands.TestAsync(id, ct)).ToHttp())
            .RequireAuthorization(AuthExtensions.AdminPolicy);

        return app;
    }
}
