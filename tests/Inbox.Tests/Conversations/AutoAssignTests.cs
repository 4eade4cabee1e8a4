using Dapper;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Conversations;

/// <summary>Whoever answers an unassigned customer takes the conversation, so two agents don't both answer it.</summary>
public sealed class AutoAssignTests
{
    [Fact]
    public async Task Replying_to_an_unassigned_conversation_assigns_it_to_the_replying_agent_but_never_steals_one()
    {
        await using var app = new InboxAppFactory();
        var admin = await app.AdminClientAsync();
        var channel = await app.CreateApiChannelAsync(admin);
        var lucia = await app.CreateAgentAsync(admin, "lucia@shop.test");
        var pablo = await app.CreateAgentAsync(admin, "pablo@shop.test");
        var inbound = await app.PushAcceptedAsync(channel, "m-1", "+34600123123", "¿Hay stock?");

        var note = await pablo.Client.PostJsonAsync<MessageDto>(Routes.ConversationNotes(inbound.ConversationId), new NoteRequest("Lo miro"));
        Assert.Null((await admin.GetJsonAsync<ConversationDto>(Routes.Conversation(inbound.ConversationId))).AssigneeId);

        await lucia.Client.PostJsonAsync<MessageDto>(Routes.ConversationMessages(inbound.ConversationId), new ReplyRequest("Sí, en el centro"));
        await pablo.Client.PostJsonAsync<MessageDto>(Routes.ConversationMessages(inbound.ConversationId), new ReplyRequest("Te lo reservo"));

        var conversation = await admin.GetJsonAsync<ConversationDto>(Routes.Conversation(inbound.ConversationId));
        Assert.Equal(lucia.Id, conversation.AssigneeId);
        Assert.NotNull(note);
        await using var db = app.OpenDatabase();
        var assignments = await db.QueryAsync<long>(
            "SELECT actor_id FROM conversation_events WHERE conversation_id = @Id AND type = 'conversation.assigned'", new { Id = inbound.ConversationId });
        Assert.Equal([lucia.Id], assignments);
    }
}
