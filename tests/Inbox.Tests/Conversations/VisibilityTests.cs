using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Conversations;

/// <summary>A conversation handed to a team is seen by that team and admins only: over REST, live, and on replay.</summary>
public sealed class VisibilityTests : IAsyncLifetime
{
    private readonly InboxAppFactory _app = new();
    private HttpClient _admin = null!;
    private ApiChannel _channel = null!;
    private Agent _member = null!;
    private Agent _outsider = null!;
    private long _teamConversation;
    private long _openConversation;

    public async Task InitializeAsync()
    {
        _admin = await _app.AdminClientAsync();
        _channel = await _app.CreateApiChannelAsync(_admin);
        _member = await _app.CreateAgentAsync(_admin, "vip-agent@shop.test");
        _outsider = await _app.CreateAgentAsync(_admin, "other-agent@shop.test");
        var vip = await _admin.CreateTeamAsync("VIP", _member.Id);
        _teamConversation = (await _app.PushAcceptedAsync(_channel, "vip-1", "+34600300001", "Soy cliente VIP")).ConversationId;
        await _admin.AssignAsync(_teamConversation, null, vip.Id);
        _openConversation = (await _app.PushAcceptedAsync(_channel, "all-1", "+34600300002", "Pregunta general")).ConversationId;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_agent_outside_the_team_cannot_see_read_or_answer_it()
    {
        await (await _outsider.Client.GetAsync(Routes.Conversation(_teamConversation))).AssertStatusAsync(HttpStatusCode.NotFound);
        await (await _outsider.Client.GetAsync(Routes.ConversationMessages(_teamConversation))).AssertStatusAsync(HttpStatusCode.NotFound);
        var reply = await _outsider.Client.PostAsJsonAsync(Routes.ConversationMessages(_teamConversation), new ReplyRequest("¿Hola?"));
        await reply.AssertStatusAsync(HttpStatusCode.NotFound);
        var resolve = await _outsider.Client.PostAsJsonAsync(Routes.ConversationStatus(_teamConversation), new ChangeStatusRequest(ConversationStatus.Resolved));
        await resolve.AssertStatusAsync(HttpStatusCode.NotFound);
        var list = await _outsider.Client.GetJsonAsync<ConversationPage>(Routes.Conversations);
        Assert.Equal([_openConversation], list.Items.Select(c => c.Id));

        var thread = await _admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(_teamConversation));
        Assert.Equal(["Soy cliente VIP"], thread.Items.Select(m => m.Text));
        Assert.Equal(ConversationStatus.Open, (await _admin.GetJsonAsync<ConversationDto>(Routes.Conversation(_teamConversation))).Status);
    }

    [Fact]
    public async Task A_team_member_and_an_admin_see_it()
    {
        var asMember = await _member.Client.GetJsonAsync<ConversationDto>(Routes.Conversation(_teamConversation));
        var asAdmin = await _admin.GetJsonAsync<ConversationDto>(Routes.Conversation(_teamConversation));
        var memberList = await _member.Client.GetJsonAsync<ConversationPage>(Routes.Conversations);
        var adminList = await _admin.GetJsonAsync<ConversationPage>(Routes.Conversations);

        Assert.Equal(_teamConversation, asMember.Id);
        Assert.Equal(_teamConversation, asAdmin.Id);
        Assert.Equal([_openConversation, _teamConversation], memberList.Items.Select(c => c.Id));
        Assert.Equal([_openConversation, _teamConversation], adminList.Items.Select(c => c.Id));
        var reply = await _member.Client.PostJsonAsync<MessageDto>(Routes.ConversationMessages(_teamConversation), new ReplyRequest("Le atiendo yo"));
        Assert.Equal(_member.Id, reply.AuthorId);
    }

    [Fact]
    public async Task The_hub_pushes_team_events_to_members_and_admins_only()
    {
        await using var member = await _app.ConnectAgentAsync(_member.Token);
        await using var outsider = await _app.ConnectAgentAsync(_outsider.Token);
        await using var admin = await _app.ConnectAgentAsync(await _app.AdminTokenAsync());

        var secret = await _app.PushAcceptedAsync(_channel, "vip-2", "+34600300001", "Mi número de tarjeta es…");
        await member.WaitForAsync<MessageDto>(nameof(IAgentClient.MessageReceived), m => m.Id == secret.MessageId);
        await admin.WaitForAsync<MessageDto>(nameof(IAgentClient.MessageReceived), m => m.Id == secret.MessageId);
        // A later event everyone may see: once the outsider has it, anything about the team thread would have arrived before it.
        var marker = await _app.PushAcceptedAsync(_channel, "all-2", "+34600300002", "Otra pregunta");
        await outsider.WaitForAsync<MessageDto>(nameof(IAgentClient.MessageReceived), m => m.Id == marker.MessageId);
        // The marker's thread update is pushed after its message: wait for it too, it is the last thing the outsider gets.
        await outsider.WaitForAsync<ConversationDto>(nameof(IAgentClient.ConversationUpdated), c => c.Id == _openConversation);

        Assert.DoesNotContain(outsider.Received, r => ConversationOf(r.Payload) == _teamConversation);
    }

    [Fact]
    public async Task Replay_after_a_reconnect_leaves_out_team_events_for_outsiders()
    {
        await using var outsider = await _app.ConnectAgentAsync(_outsider.Token);
        await using var member = await _app.ConnectAgentAsync(_member.Token);

        var outsiderEvents = await outsider.EventsSinceAsync(0);
        var memberEvents = await member.EventsSinceAsync(0);

        Assert.NotEmpty(outsiderEvents);
        Assert.All(outsiderEvents, e => Assert.Equal(_openConversation, e.ConversationId));
        Assert.Contains(memberEvents, e => e.ConversationId == _teamConversation && e.Type == AgentEventTypes.MessageReceived);
        Assert.Equal(memberEvents.Where(e => e.ConversationId == _openConversation).Select(e => e.EventId), outsiderEvents.Select(e => e.EventId));
    }

    [Fact]
    public async Task Contacts_of_a_team_thread_are_hidden_from_outsiders_too()
    {
        var contactId = (await _admin.GetJsonAsync<ConversationDto>(Routes.Conversation(_teamConversation))).Contact.Id;

        await (await _outsider.Client.GetAsync(Routes.Contact(contactId))).AssertStatusAsync(HttpStatusCode.NotFound);
        var patch = await _outsider.Client.PatchAsJsonAsync(Routes.Contact(contactId), new UpdateContactRequest("Hacked", null, null, null));
        await patch.AssertStatusAsync(HttpStatusCode.NotFound);
        Assert.NotEqual("Hacked", (await _member.Client.GetJsonAsync<ContactDto>(Routes.Contact(contactId))).Name);
    }

    [Fact]
    public async Task An_agent_moves_a_thread_only_into_their_own_teams_or_out_of_them_and_never_into_another()
    {
        var other = await _admin.CreateTeamAsync("Reclamaciones");
        var mine = (await _admin.GetJsonAsync<List<TeamDto>>(Routes.Teams)).Single(t => t.Name == "VIP");
        var open = (await _app.PushAcceptedAsync(_channel, "move-1", "+34600300009", "¿Me pasáis con alguien?")).ConversationId;

        var intoForeign = await _member.Client.PostAsJsonAsync(Routes.ConversationAssign(open), new AssignRequest(null, other.Id));
        var outOfForeignTeam = await _outsider.Client.PostAsJsonAsync(Routes.ConversationAssign(_teamConversation), new AssignRequest(null, null));

        Assert.Contains("own teams", await intoForeign.AssertStatusAsync(HttpStatusCode.Forbidden));
        await outOfForeignTeam.AssertStatusAsync(HttpStatusCode.NotFound);
        Assert.Null((await _admin.GetJsonAsync<ConversationDto>(Routes.Conversation(open))).TeamId);
        Assert.Equal(mine.Id, (await _admin.GetJsonAsync<ConversationDto>(Routes.Conversation(_teamConversation))).TeamId);
        // Into their own team and back out is theirs to do; admins move threads anywhere.
        Assert.Equal(mine.Id, (await _member.Client.AssignAsync(open, null, mine.Id)).TeamId);
        Assert.Null((await _member.Client.AssignAsync(open, null, null)).TeamId);
        Assert.Equal(other.Id, (await _admin.AssignAsync(open, null, other.Id)).TeamId);
    }

    private static long? ConversationOf(object payload) => payload switch
    {
        MessageDto m => m.ConversationId,
        ConversationDto c => c.Id,
        MessageStatusDto s => s.ConversationId,
        TypingDto t => t.ConversationId,
        _ => null,
    };
}
