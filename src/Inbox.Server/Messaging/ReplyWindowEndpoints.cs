using Dapper;
using Inbox.Connectors.Twilio;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;
using Inbox.Server.Channels;
using Inbox.Server.Contacts;
using Inbox.Server.Conversations;
using Inbox.Server.Data;

namespace Inbox.Server.Messaging;

/// <summary>What the composer asks before an agent writes: may free text go out now (and the templates otherwise), and
/// how an SMS draft will travel (segments and encoding).</summary>
public static class ReplyWindowEndpoints
{
    public static IEndpointRouteBuilder MapReplyWindowApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.Conversations + "/{id:long}/reply-window", async (long id, long? identityId, long? channelId, Viewer viewer,
                IDbConnectionFactory db, ConversationStore conversations, ContactStore contacts, ChannelStore channels, ReplyWindows windows,
                TimeProvider time, CancellationToken ct) =>
            {
                var conversation = await conversations.GetDtoAsync(viewer, id, ct);
                if (conversation is null) return ApiProblems.NotFound("Conversation");
                await using var c = await db.OpenAsync(ct);
                var useIdentity = identityId ?? await c.ExecuteScalarAsync<long?>(new CommandDefinition(
                    "SELECT last_inbound_identity_id FROM conversations WHERE id = @Id", new { Id = id }, cancellationToken: ct));
                var contact = await contacts.GetAsync(c, null, conversation.Contact.Id, ct);
                var identity = contact?.Identities.FirstOrDefault(i => i.Id == useIdentity);
                if (identity is null) return ApiProblems.Invalid("identityId", "That address does not belong to this conversation's contact.");
                var useChannel = channelId ?? identity.LastChannelId;
                var channel = useChannel is { } cid ? await channels.GetAsync(c, null, cid, ct) : null;
                if (channel is null) return ApiProblems.Invalid("channelId", "Choose the channel to answer on.");
                return Results.Ok(await windows.DescribeAsync(c, null, id, channel, identity.Id, time.GetUtcNow(), ct));
            })
            .WithTags("Conversations")
            .RequireAuthorization()
            .WithSummary("Whether a free-text reply may go out now on the channel (WhatsApp's 24-hour window), and its approved templates.");

        app.MapPost(Routes.SmsSegments, (SmsSegmentsRequest request) =>
            {
                if (request.Text is null) return ApiProblems.Invalid("text", "Text is required.");
                if (request.Text.Length > 20_000) return ApiProblems.Invalid("text", "Text is longer than 20000 characters.");
                return Results.Ok(SmsSegments.Count(request.Text));
            })
            .WithTags("Conversations")
            .RequireAuthorization()
            .AddEndpointFilter<CookieAntiforgeryFilter>()
            .WithSummary("How many SMS segments a draft takes, and in which encoding (GSM-7 or UCS-2).");
        return app;
    }
}
