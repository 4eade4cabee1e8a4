using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Contacts;

/// <summary>An agent looks a customer up by name, email or phone (e.g. before merging two contacts).</summary>
public sealed class ContactSearchTests
{
    [Fact]
    public async Task Contacts_are_found_by_name_email_phone_or_any_address_and_wildcards_are_literal()
    {
        await using var app = new InboxAppFactory();
        var admin = await app.AdminClientAsync();
        var channel = await app.CreateApiChannelAsync(admin);
        var ana = await app.PushAcceptedAsync(channel, "a", "+34 600 111 222", "hola", name: "Ana García");
        var luis = await app.PushAcceptedAsync(channel, "b", "luis_50%@tienda.test", "hola", kind: "email", name: "Luis");
        await app.PushAcceptedAsync(channel, "c", "crm-77", "hola", kind: "external", name: "Otro");

        Assert.Equal([ana.ContactId], await SearchAsync(admin, "garcía"));
        Assert.Equal([ana.ContactId], await SearchAsync(admin, "600111"));
        Assert.Equal([ana.ContactId], await SearchAsync(admin, "+34 600 11"));
        Assert.Empty(await SearchAsync(admin, "garcía&exclude=" + ana.ContactId, escape: false));
        Assert.Equal([luis.ContactId], await SearchAsync(admin, "TIENDA.test"));
        Assert.Equal([luis.ContactId], await SearchAsync(admin, "_50%"));
        Assert.Empty(await SearchAsync(admin, "%%"));
        await (await admin.GetAsync(Routes.Contacts + "?q=a")).AssertStatusAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Spanish_names_are_found_whatever_the_case_and_accents_typed()
    {
        await using var app = new InboxAppFactory();
        var admin = await app.AdminClientAsync();
        var channel = await app.CreateApiChannelAsync(admin);
        var nandu = await app.PushAcceptedAsync(channel, "n", "+34 600 222 333", "hola", name: "Ñandú Ángela");
        var renamed = await app.PushAcceptedAsync(channel, "r", "+34 600 222 444", "hola");
        await admin.PatchAsJsonAsync(Routes.Contact(renamed.ContactId), new UpdateContactRequest("José Muñoz", null, null, null));

        foreach (var typed in new[] { "ñandú", "ÑANDÚ", "nandu", "angela", "ÁNGELA", "ndú án" })
            Assert.True((await SearchAsync(admin, typed)).SequenceEqual([nandu.ContactId]), $"'{typed}' did not find only Ñandú Ángela");
        Assert.Equal([renamed.ContactId], await SearchAsync(admin, "munoz"));
        Assert.Equal([renamed.ContactId], await SearchAsync(admin, "JOSÉ"));
        Assert.Empty(await SearchAsync(admin, "nando"));
    }

    [Fact]
    public async Task Contacts_stored_before_the_folded_column_are_found_after_a_restart()
    {
        var data = Path.Combine(Path.GetTempPath(), "inbox-tests", Guid.NewGuid().ToString("N"));
        long contactId;
        await using (var before = new InboxAppFactory(data))
        {
            var admin = await before.AdminClientAsync();
            var channel = await before.CreateApiChannelAsync(admin);
            contactId = (await before.PushAcceptedAsync(channel, "old", "+34 600 222 555", "hola", name: "Íñigo Peña")).ContactId;
            // As a database written before migration 0008 left it: the column exists, its value does not.
            await using var db = before.OpenDatabase();
            await Dapper.SqlMapper.ExecuteAsync(db, "UPDATE contacts SET search_name = NULL");
        }

        await using (var after = new InboxAppFactory(data))
            Assert.Equal([contactId], await SearchAsync(await after.AdminClientAsync(), "inigo pena"));
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task A_contact_of_another_team_is_not_found_by_an_outsider()
    {
        await using var app = new InboxAppFactory();
        var admin = await app.AdminClientAsync();
        var channel = await app.CreateApiChannelAsync(admin);
        var outsider = await app.CreateAgentAsync(admin, "outsider@shop.test");
        var team = await admin.CreateTeamAsync("Mayoristas");
        var vip = await app.PushAcceptedAsync(channel, "v", "+34 699 000 000", "hola", name: "Cliente Mayorista");
        await admin.AssignAsync(vip.ConversationId, null, team.Id);

        Assert.Equal([vip.ContactId], await SearchAsync(admin, "mayorista"));
        Assert.Empty(await SearchAsync(outsider.Client, "mayorista"));
    }

    private static async Task<long[]> SearchAsync(HttpClient client, string q, bool escape = true) =>
        (await client.GetJsonAsync<IReadOnlyList<ContactSummaryDto>>(Routes.Contacts + "?q=" + (escape ? Uri.EscapeDataString(q) : q))).Select(c => c.Id).ToArray();
}
