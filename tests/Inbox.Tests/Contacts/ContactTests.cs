using System.Net;
using System.Net.Http.Json;
using Dapper;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Contacts;

/// <summary>
/// Agents look after the people behind the threads: details, addresses to answer on, and merging duplicates.
/// The server is shared: every test writes in from addresses no other test uses.
/// </summary>
public sealed class ContactTests(SharedInbox shared) : SharedInboxTest(shared)
{
    [Fact]
    public async Task A_contact_shows_its_details_identities_and_thread()
    {
        var inbound = await App.PushAcceptedAsync(Channel, "c-1", "+34 600 500 001", "Hola", name: "Ana");

        var contact = await Admin.GetJsonAsync<ContactDto>(Routes.Contact(inbound.ContactId));

        Assert.Equal("Ana", contact.Name);
        Assert.Equal("+34600500001", contact.Phone);
        Assert.Null(contact.Email);
        Assert.Equal(inbound.ConversationId, contact.ConversationId);
        var identity = Assert.Single(contact.Identities);
        Assert.Equal((IdentityKind.Phone, "+34600500001", Channel.Id), (identity.Kind, identity.Address, identity.LastChannelId));
        Assert.Equal("Ana", identity.DisplayName);
        Assert.NotNull(identity.LastSeenAt);
    }

    [Fact]
    public async Task An_unknown_contact_is_a_404()
    {
        await (await Admin.GetAsync(Routes.Contact(9_999_999))).AssertStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Patching_changes_only_the_fields_sent_and_an_empty_field_clears()
    {
        var inbound = await App.PushAcceptedAsync(Channel, "c-1", "+34600500002", "Hola", name: "Ana");

        var named = await PatchAsync(inbound.ContactId, new UpdateContactRequest("  Ana García  ", null, null, "Prefiere WhatsApp"));
        var untouched = await PatchAsync(inbound.ContactId, new UpdateContactRequest(null, null, null, null));
        var cleared = await PatchAsync(inbound.ContactId, new UpdateContactRequest(null, null, null, ""));

        Assert.Equal(("Ana García", "Prefiere WhatsApp"), (named.Name, named.Notes));
        Assert.Equal(("Ana García", "Prefiere WhatsApp", "+34600500002"), (untouched.Name, untouched.Notes, untouched.Phone));
        Assert.Equal("Ana García", cleared.Name);
        Assert.Null(cleared.Notes);
        Assert.Equal("Ana García", (await Admin.GetJsonAsync<ConversationDto>(Routes.Conversation(inbound.ConversationId))).Contact.Name);
    }

    [Theory]
    [InlineData("""{"email":"not an email"}""", "email", "+34600500003")]
    [InlineData("""{"phone":"12"}""", "phone", "+34600500013")]
    public async Task An_invalid_address_is_a_400_naming_the_field(string json, string field, string sender)
    {
        var inbound = await App.PushAcceptedAsync(Channel, "c-1", sender, "Hola");

        var response = await Admin.PatchAsync(Routes.Contact(inbound.ContactId), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Contains($"\"{field}\"", await response.AssertStatusAsync(HttpStatusCode.BadRequest));
        Assert.Single((await Admin.GetJsonAsync<ContactDto>(Routes.Contact(inbound.ContactId))).Identities);
    }

    [Fact]
    public async Task A_phone_added_by_hand_becomes_an_address_a_reply_can_use()
    {
        var inbound = await App.PushAcceptedAsync(Channel, "c-1", "eva@shop.test", "Escribo por email", kind: "email");

        var updated = await PatchAsync(inbound.ContactId, new UpdateContactRequest(null, null, "600 500 004", null));

        Assert.Equal("+34600500004", updated.Phone);
        var phone = Assert.Single(updated.Identities, i => i.Kind == IdentityKind.Phone);
        Assert.Equal("+34600500004", phone.Address);
        Assert.Null(phone.LastChannelId);
        var withoutChannel = await Admin.PostAsJsonAsync(Routes.ConversationMessages(inbound.ConversationId), new ReplyRequest("¿Te llamo?", phone.Id));
        Assert.Contains("channelId", await withoutChannel.AssertStatusAsync(HttpStatusCode.BadRequest));
        var reply = await Admin.PostJsonAsync<MessageDto>(Routes.ConversationMessages(inbound.ConversationId), new ReplyRequest("¿Te llamo?", phone.Id, Channel.Id));
        Assert.Equal((phone.Id, "+34600500004", Channel.Id), (reply.IdentityId, reply.IdentityAddress, reply.ChannelId));
    }

    [Fact]
    public async Task An_address_that_belongs_to_someone_else_is_a_409_pointing_to_merge()
    {
        var ana = await App.PushAcceptedAsync(Channel, "c-1", "ines@shop.test", "Hola", kind: "email");
        var bea = await App.PushAcceptedAsync(Channel, "c-2", "bea@shop.test", "Hola", kind: "email");

        var response = await Admin.PatchAsJsonAsync(Routes.Contact(bea.ContactId), new UpdateContactRequest("Bea", "INES@shop.test", null, null));

        Assert.Contains("merge", await response.AssertStatusAsync(HttpStatusCode.Conflict));
        var unchanged = await Admin.GetJsonAsync<ContactDto>(Routes.Contact(bea.ContactId));
        Assert.Equal("bea@shop.test", unchanged.Email);
        Assert.Null(unchanged.Name);
        Assert.Equal(["ines@shop.test"], (await Admin.GetJsonAsync<ContactDto>(Routes.Contact(ana.ContactId))).Identities.Select(i => i.Address));
    }

    [Fact]
    public async Task An_address_owned_by_a_contact_the_agent_cannot_see_is_answered_as_unknown_without_naming_or_moving_it()
    {
        var agent = await App.CreateAgentAsync(Admin, $"curioso-{Guid.NewGuid():N}@shop.test");
        var team = await Admin.CreateTeamAsync($"Mayoristas {Guid.NewGuid():N}");
        var hidden = await App.PushAcceptedAsync(Channel, "c-h1", "+34655777001", "Pedido grande");
        await Admin.AssignAsync(hidden.ConversationId, null, team.Id);
        var mine = await App.PushAcceptedAsync(Channel, "c-h2", "mio@shop.test", "Hola", kind: "email");

        var response = await agent.Client.PatchAsJsonAsync(Routes.Contact(mine.ContactId), new UpdateContactRequest(null, null, "+34 655 777 001", null));

        var body = await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(mine.ContactId, (await response.Content.ReadFromJsonAsync<ContactDto>())!.Id);
        Assert.DoesNotContain($"contact {hidden.ContactId}", body);
        Assert.DoesNotContain("merge", body);
        // The hidden customer keeps their address and thread; the agent's contact does not become a way to reach them.
        var owner = await Admin.GetJsonAsync<ContactDto>(Routes.Contact(hidden.ContactId));
        Assert.Contains(owner.Identities, i => i.Address == "+34655777001");
        var edited = await Admin.GetJsonAsync<ContactDto>(Routes.Contact(mine.ContactId));
        Assert.DoesNotContain(edited.Identities, i => i.Address == "+34655777001");
        // An admin, who sees both, is pointed to the merge as before.
        var asAdmin = await Admin.PatchAsJsonAsync(Routes.Contact(mine.ContactId), new UpdateContactRequest(null, null, "+34 655 777 001", null));
        Assert.Contains($"contact {hidden.ContactId}", await asAdmin.AssertStatusAsync(HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task Merging_two_contacts_leaves_one_contact_with_one_thread_holding_every_message()
    {
        var phone = await App.PushAcceptedAsync(Channel, "m-1", "+34600500005", "por whatsapp 1", name: "Ana");
        var email = await App.PushAcceptedAsync(Channel, "m-2", "ana@shop.test", "por email 1", kind: "email");
        await App.PushAcceptedAsync(Channel, "m-3", "+34600500005", "por whatsapp 2");
        await App.PushAcceptedAsync(Channel, "m-4", "ana@shop.test", "por email 2", kind: "email");
        await Admin.PatchAsJsonAsync(Routes.Contact(email.ContactId), new UpdateContactRequest(null, null, null, "Pidió factura"));

        var merged = await (await Admin.PostAsJsonAsync(Routes.ContactMerge(phone.ContactId), new MergeContactsRequest(email.ContactId))).ReadJsonOrDumpAsync<ContactDto>();

        Assert.Equal(phone.ContactId, merged.Id);
        Assert.Equal(phone.ConversationId, merged.ConversationId);
        Assert.Equal(["+34600500005", "ana@shop.test"], merged.Identities.Select(i => i.Address));
        Assert.Equal(("Ana", "ana@shop.test", "Pidió factura"), (merged.Name, merged.Email, merged.Notes));
        var thread = await Admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(phone.ConversationId));
        Assert.Equal(["por whatsapp 1", "por email 1", "por whatsapp 2", "por email 2"], thread.Items.Select(m => m.Text));
        Assert.Equal(thread.Items.Select(m => m.Id).Order(), thread.Items.Select(m => m.Id));
        Assert.Equal(4, (await Admin.GetJsonAsync<ConversationDto>(Routes.Conversation(phone.ConversationId))).UnreadCount);
        await (await Admin.GetAsync(Routes.Contact(email.ContactId))).AssertStatusAsync(HttpStatusCode.NotFound);
        await (await Admin.GetAsync(Routes.Conversation(email.ConversationId))).AssertStatusAsync(HttpStatusCode.NotFound);
        await using var db = App.OpenDatabase();
        var ids = new { Kept = phone.ContactId, Merged = email.ContactId, KeptThread = phone.ConversationId, MergedThread = email.ConversationId };
        Assert.Equal(1, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM contacts WHERE id = @Kept OR id = @Merged", ids));
        Assert.Equal(1, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM conversations WHERE id = @KeptThread OR id = @MergedThread", ids));

        var later = await App.PushAcceptedAsync(Channel, "m-5", "ana@shop.test", "por email 3", kind: "email");
        Assert.Equal((phone.ContactId, phone.ConversationId), (later.ContactId, later.ConversationId));
    }

    [Fact]
    public async Task A_merge_reaches_connected_agents_as_a_conversation_update()
    {
        var target = await App.PushAcceptedAsync(Channel, "m-1", "+34600500006", "uno");
        var source = await App.PushAcceptedAsync(Channel, "m-2", "+34600500007", "dos");
        await using var agent = await App.ConnectAgentAsync(AdminToken);

        (await Admin.PostAsJsonAsync(Routes.ContactMerge(target.ContactId), new MergeContactsRequest(source.ContactId))).EnsureSuccessOrDump();

        var update = await agent.WaitForAsync<ConversationDto>(nameof(IAgentClient.ConversationUpdated), c => c.Id == target.ConversationId && c.UnreadCount == 2);
        Assert.Equal(target.ContactId, update.Contact.Id);
    }

    [Fact]
    public async Task A_contact_cannot_be_merged_into_itself_or_with_a_stranger()
    {
        var inbound = await App.PushAcceptedAsync(Channel, "m-1", "+34600500008", "Hola");

        var itself = await Admin.PostAsJsonAsync(Routes.ContactMerge(inbound.ContactId), new MergeContactsRequest(inbound.ContactId));
        var unknownSource = await Admin.PostAsJsonAsync(Routes.ContactMerge(inbound.ContactId), new MergeContactsRequest(9_999_999));
        var unknownTarget = await Admin.PostAsJsonAsync(Routes.ContactMerge(9_999_999), new MergeContactsRequest(inbound.ContactId));

        Assert.Contains("sourceContactId", await itself.AssertStatusAsync(HttpStatusCode.BadRequest));
        Assert.Contains("sourceContactId", await unknownSource.AssertStatusAsync(HttpStatusCode.BadRequest));
        await unknownTarget.AssertStatusAsync(HttpStatusCode.NotFound);
        Assert.Equal(inbound.ConversationId, (await Admin.GetJsonAsync<ContactDto>(Routes.Contact(inbound.ContactId))).ConversationId);
    }

    [Fact]
    public async Task A_reply_cannot_use_another_contacts_address()
    {
        var ana = await App.PushAcceptedAsync(Channel, "r-1", "+34600500009", "Hola");
        var bea = await App.PushAcceptedAsync(Channel, "r-2", "+34600500010", "Hola");
        var beasPhone = (await Admin.GetJsonAsync<ContactDto>(Routes.Contact(bea.ContactId))).Identities.Single();

        var response = await Admin.PostAsJsonAsync(Routes.ConversationMessages(ana.ConversationId), new ReplyRequest("Para Ana", beasPhone.Id));

        Assert.Contains("identityId", await response.AssertStatusAsync(HttpStatusCode.BadRequest));
        var thread = await Admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(ana.ConversationId));
        Assert.Equal(["Hola"], thread.Items.Select(m => m.Text));
        await using var db = App.OpenDatabase();
        Assert.Equal(0, await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM outbox o JOIN messages m ON m.id = o.message_id WHERE m.conversation_id = @Id", new { Id = ana.ConversationId }));
    }

    private async Task<ContactDto> PatchAsync(long id, UpdateContactRequest request) =>
        await (await Admin.PatchAsJsonAsync(Routes.Contact(id), request)).ReadJsonOrDumpAsync<ContactDto>();
}
