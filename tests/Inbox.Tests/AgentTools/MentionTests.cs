using System.Net;
using System.Net.Http.Json;
using Dapper;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.AgentTools;

/// <summary>An @mention in a private note: the note stays private, the mentioned agent is told live, and finds the
/// thread in their Mentions; nobody can be mentioned in a thread they cannot see.</summary>
public sealed class MentionTests(SharedInbox shared) : AgentToolsTestBase(shared)
{
    [Fact]
    public async Task The_mentioned_agent_is_notified_live_and_finds_it_in_their_mentions()
    {
        var author = await NewAgentAsync();
        var mentioned = await NewAgentAsync();
        var bystander = await NewAgentAsync();
        var conversation = await NewConversationAsync("Quiero devolver el pedido");
        var quiet = await NewConversationAsync();
        await using var mentionedLive = await App.ConnectAgentAsync(mentioned.Token);
        await using var bystanderLive = await App.ConnectAgentAsync(bystander.Token);

        var note = await author.Client.PostJsonAsync<MessageDto>(Routes.ConversationNotes(conversation),
            new NoteRequest($"@{mentioned.User.DisplayName} ¿puedes mirar la devolución?") { MentionedUserIds = [mentioned.Id] });

        Assert.True(note.IsPrivate);
        var pushed = await mentionedLive.WaitForAsync<NotificationDto>(nameof(IAgentClient.Notified), m => m.MessageId == note.Id);
        Assert.Equal(conversation, pushed.ConversationId);
        Assert.Equal(author.Id, pushed.ActorId);
        Assert.Equal(NotificationKinds.Mention, pushed.Kind);
        Assert.Contains("devolución", pushed.Text);
        var listed = Assert.Single(await mentioned.Client.GetJsonAsync<List<NotificationDto>>(Routes.Notifications));
        Assert.Equal(note.Id, listed.MessageId);
        Assert.Equal(pushed.Id, listed.Id);
        Assert.Equal([conversation], await ListIdsAsync(mentioned.Client, "mentioned=true"));
        Assert.Empty(await ListIdsAsync(bystander.Client, "mentioned=true"));
        Assert.Contains(quiet, await ListIdsAsync(bystander.Client, ""));
        // Everyone gets the thread's update (its event is conversation.mentioned); only the mentioned agent the mention.
        await bystanderLive.WaitForAsync<ConversationDto>(nameof(IAgentClient.ConversationUpdated), c => c.Id == conversation);
        Assert.DoesNotContain(bystanderLive.Received, r => r.Method == nameof(IAgentClient.Notified));
        Assert.Empty(await bystander.Client.GetJsonAsync<List<NotificationDto>>(Routes.Notifications));

        await using var db = App.OpenDatabase();
        var stored = await db.QuerySingleAsync<string>(
            "SELECT data FROM conversation_events WHERE conversation_id = @Id AND type = 'conversation.mentioned'", new { Id = conversation });
        Assert.Contains($"\"userIds\":[{mentioned.Id}]", stored);
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE message_id = @Id", new { note.Id }));
    }

    [Fact]
    public async Task Nobody_is_mentioned_in_a_thread_they_cannot_see_and_unknown_agents_are_refused()
    {
        var member = await NewAgentAsync();
        var outsider = await NewAgentAsync();
        var team = await NewTeamAsync(member.Id);
        var conversation = await NewConversationAsync();
        await Admin.AssignAsync(conversation, null, team.Id);

        var blind = await member.Client.PostAsJsonAsync(Routes.ConversationNotes(conversation), new NoteRequest("@outsider mira") { MentionedUserIds = [outsider.Id] });
        Assert.Contains("mentionedUserIds", await blind.AssertStatusAsync(HttpStatusCode.BadRequest));
        var unknown = await member.Client.PostAsJsonAsync(Routes.ConversationNotes(conversation), new NoteRequest("@nadie") { MentionedUserIds = [987_654] });
        Assert.Contains("mentionedUserIds", await unknown.AssertStatusAsync(HttpStatusCode.BadRequest));

        var thread = await Admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(conversation));
        Assert.DoesNotContain(thread.Items, m => m.IsPrivate);
        Assert.Empty(await outsider.Client.GetJsonAsync<List<NotificationDto>>(Routes.Notifications));
    }

    [Fact]
    public async Task A_mention_of_a_thread_later_moved_out_of_sight_is_no_longer_listed()
    {
        var mentioned = await NewAgentAsync();
        var team = await NewTeamAsync();
        var conversation = await NewConversationAsync();
        await Admin.PostJsonAsync<MessageDto>(Routes.ConversationNotes(conversation), new NoteRequest("@agente") { MentionedUserIds = [mentioned.Id] });
        Assert.Single(await mentioned.Client.GetJsonAsync<List<NotificationDto>>(Routes.Notifications));

        await Admin.AssignAsync(conversation, null, team.Id);

        Assert.Empty(await mentioned.Client.GetJsonAsync<List<NotificationDto>>(Routes.Notifications));
        Assert.Empty(await ListIdsAsync(mentioned.Client, "mentioned=true"));
    }
}
