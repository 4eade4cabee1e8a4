using Inbox.Server.Agents;
using Inbox.Server.CannedResponses;
using Inbox.Server.Labels;
using Inbox.Server.Notifications;
using Inbox.Server.Channels;
using Inbox.Server.Commerce;
using Inbox.Server.Contacts;
using Inbox.Server.Conversations;
using Inbox.Server.Files;
using Inbox.Server.Messaging;
using Inbox.Server.Search;
using Microsoft.AspNetCore.HttpOverrides;
using Scalar.AspNetCore;

namespace Inbox.Server.Api;

public static class ApiExtensions
{
    /// <summary>Problem details for every error, the OpenAPI document and rate limits.</summary>
    public static WebApplicationBuilder AddInboxApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Unreadable parameters (malformed JSON, a wrong type) reach BadRequestExceptionHandler, which says what and where.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddSingleton<UnmatchedApiRequest>();
        builder.Services.AddOpenApi();
        builder.Services.AddInboxRateLimits();
        builder.Services.AddInboxHealthChecks();
        // A reverse proxy on this machine (loopback, the default trusted proxy) terminates TLS: honour its
        // X-Forwarded-Proto/For so cookies are Secure and limits see the real client address.
        builder.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        builder.Services.AddSingleton<ViewerResolver>();
        return builder;
    }

    /// <summary>Every REST endpoint group, the OpenAPI document at /openapi/v1.json and its browsable UI at /docs.</summary>
    public static WebApplication MapInboxApi(this WebApplication app)
    {
        app.MapInboxHealth();
        app.MapOpenApi();
        app.MapScalarApiReference("/docs", o => o.WithTitle("Inbox API"));
        app.MapAuthApi();
        app.MapAccountLinksApi();
        app.MapAgentsApi();
        app.MapConversationsApi();
        app.MapLabelsApi();
        app.MapCannedResponsesApi();
        app.MapNotificationsApi();
        Presence.PresenceEndpoints.MapPresenceApi(app);
        app.MapReplyWindowApi();
        app.MapMessageOriginals();
        app.MapContactsApi();
        app.MapSearchApi();
        app.MapChannelsApi();
        app.MapChannelWebhooks();
        app.MapChannelHealth();
        app.MapFilesApi();
        ProviderMediaLinks.MapProviderMedia(app);
        app.MapCommerceApi();
        Handoff.HandoffEndpoints.MapHandoffApi(app);
        // Unknown API paths are an API 404 (or 405/415 when only the method or content type is wrong), not the console's index.html.
        app.Map("/api/{**rest}", (HttpRequest request, UnmatchedApiRequest unmatched) => unmatched.Answer(request));
        return app;
    }
}
