using Dapper;
using Inbox.Contracts;
using Inbox.Server.Agents;
using Inbox.Server.Api;
using Inbox.Server.Data;

namespace Inbox.Server.Messaging;

/// <summary>The "original" view of a customer's message (email): the full text before quoted history and signatures
/// were stripped, and the HTML as sanitised by the connector. Under the conversation's visibility: not visible is 404.</summary>
public static class MessageOriginals
{
    public static IEndpointRouteBuilder MapMessageOriginals(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/conversations/{conversationId:long}/messages/{messageId:long}/original",
            async (long conversationId, long messageId, Viewer viewer, IDbConnectionFactory db, HttpContext http, CancellationToken ct) =>
            {
                await using var c = await db.OpenAsync(ct);
                var row = await c.QuerySingleOrDefaultAsync<OriginalRow>(new CommandDefinition("""
                    SELECT m.text, m.original_text, m.original_html, k.team_id
                    FROM messages m JOIN conversations k ON k.id = m.conversation_id
                    WHERE m.id = @MessageId AND m.conversation_id = @ConversationId
                    """, new { MessageId = messageId, ConversationId = conversationId }, cancellationToken: ct));
                if (row is null || !viewer.CanSee(row.TeamId)) return ApiProblems.NotFound("Message");
                // Sanitised already; the console still shows it in a sandboxed frame.
                http.Response.Headers.XContentTypeOptions = "nosniff";
                return Results.Ok(new MessageOriginalDto(messageId, row.OriginalText ?? row.Text, row.OriginalHtml));
            })
            .WithTags("Conversations").RequireAuthorization();
        return app;
    }

    private sealed class OriginalRow
    {
        public string Text { get; set; } = "";
        public string? OriginalText { get; set; }
        public string? OriginalHtml { get; set; }
        public long? TeamId { get; set; }
    }
}
