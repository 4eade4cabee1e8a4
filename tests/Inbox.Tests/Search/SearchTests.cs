using System.Net;
using Dapper;
using Inbox.Contracts;
using Inbox.Server.Messaging;
using Inbox.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Search;

/// <summary>
/// An agent searches all history: messages by words typed without accents or only begun, contacts by a phone typed any
/// way; only what their teams allow; and the index follows edits, merges and erasure. Each test writes words nobody
/// else uses (<see cref="Word"/>), so tests sharing the server find only their own messages.
/// </summary>
public sealed class SearchTests(SharedInbox shared) : SharedInboxTest(shared)
{
    [Fact]
    public async Task Spanish_words_are_found_without_accents_by_prefix_and_with_marked_snippets()
    {
        var tag = Word();
        var song = await App.PushAcceptedAsync(Channel, Id(), "+34 600 100 001", $"Hola, busco la Canción {tag} del anuncio", name: "Lucía Pérez");
        var shipping = await App.PushAcceptedAsync(Channel, Id(), "+34 600 100 002", $"¿Cuándo llega el envio {tag}?");
        var sofa = await App.PushAcceptedAsync(Channel, Id(), "+34 600 100 003", $"El sofá {tag} llegó roto <b>ayer</b>");
        var songbook = await App.PushAcceptedAsync(Channel, Id(), "+34 600 100 004", $"Vendéis el cancionero {tag}?");

        var found = await SearchAsync(Admin, $"canción {tag} anuncio");
        var hit = Assert.Single(found.Messages);
        Assert.Equal((song.MessageId, song.ConversationId, song.ContactId), (hit.MessageId, hit.ConversationId, hit.ContactId));
        Assert.Equal("Lucía Pérez", hit.ContactName);
        Assert.Equal(["Canción", tag, "anuncio"], Marked(hit.Snippet));

        Assert.Equal([shipping.MessageId], Ids(await SearchAsync(Admin, $"ENVÍO {tag}")));
        Assert.Equal([sofa.MessageId], Ids(await SearchAsync(Admin, $"sof {tag}")));
        // Customer text comes back as text with ranges: markup in it is just characters, never interpreted.
        var sofaHit = Assert.Single((await SearchAsync(Admin, $"sof {tag}")).Messages);
        Assert.Contains("<b>ayer</b>", sofaHit.Snippet.Text);
        Assert.Equal(["sofá", tag], Marked(sofaHit.Snippet));
        // Every word must match; newest first.
        Assert.Empty((await SearchAsync(Admin, $"cancion envio {tag}")).Messages);
        Assert.Equal([songbook.MessageId, sofa.MessageId, shipping.MessageId, song.MessageId], Ids(await SearchAsync(Admin, tag)));
        // Words longer than the indexed prefix are checked whole: "canciones" is not "cancionero" nor "canción".
        Assert.Empty((await SearchAsync(Admin, $"canciones {tag}")).Messages);
        Assert.Equal([songbook.MessageId, song.MessageId], Ids(await SearchAsync(Admin, $"cancion {tag}")));
    }

    [Fact]
    public async Task Results_are_paged_newest_first_and_bad_requests_say_what_is_wrong()
    {
        var tag = Word();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++) ids.Add((await App.PushAcceptedAsync(Channel, Id(), "+34 600 100 010", $"pedido {tag} número {i}")).MessageId);

        var first = await SearchAsync(Admin, tag, "&limit=2");
        var second = await SearchAsync(Admin, tag, $"&limit=2&cursor={first.NextCursor}");
        var third = await SearchAsync(Admin, tag, $"&limit=2&cursor={second.NextCursor}");
        Assert.Equal(Enumerable.Reverse(ids).ToArray(), Ids(first).Concat(Ids(second)).Concat(Ids(third)).ToArray());
        Assert.Null(third.NextCursor);

        foreach (var (query, field) in new[] { ("q=a", "q"), ("q=%C2%BF%3F", "q"), ($"q={tag}&kind=orders", "kind"), ($"q={tag}&limit=0", "limit"), ($"q={tag}&cursor=nonsense", "cursor") })
            Assert.Contains($"\"{field}\"", await (await Admin.GetAsync($"{Routes.Search}?{query}")).AssertStatusAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task An_agent_finds_only_conversations_their_teams_allow()
    {
        var tag = Word();
        var outsider = await App.CreateAgentAsync(Admin, $"outsider-{tag}@shop.test");
        var member = await App.CreateAgentAsync(Admin, $"member-{tag}@shop.test");
        var team = await Admin.CreateTeamAsync($"Mayoristas {tag}", member.Id);
        var open = await App.PushAcceptedAsync(Channel, Id(), "+34 600 100 020", $"factura {tag} de marzo");
        var wholesale = await App.PushAcceptedAsync(Channel, Id(), "+34 600 100 021", $"factura {tag} mayorista", name: $"Mayorista {tag}");
        await Admin.AssignAsync(wholesale.ConversationId, null, team.Id);

        Assert.Equal([wholesale.MessageId, open.MessageId], Ids(await SearchAsync(Admin, tag)));
        Assert.Equal([wholesale.MessageId, open.MessageId], Ids(await SearchAsync(member.Client, tag)));
        Assert.Equal([open.MessageId], Ids(await SearchAsync(outsider.Client, tag)));
        Assert.Empty((await SearchAsync(outsider.Client, tag, "&kind=contacts")).Contacts);
        Assert.Equal([wholesale.ContactId], (await SearchAsync(member.Client, tag, "&kind=contacts")).Contacts.Select(c => c.Id));
    }

    [Fact]
    public async Task The_index_follows_an_edit_a_merge_and_an_erasure()
    {
        var tag = Word();
        var kept = await App.PushAcceptedAsync(Channel, Id(), "+34 600 100 030", $"talla {tag} cuarenta");
        var other = await App.PushAcceptedAsync(Channel, Id(), "+34 600 100 031", $"color {tag} rojo");

        // A customer's edit (Telegram's edited_message) goes through the store the inbound pipeline uses.
        await using (var c = App.OpenDatabase())
        await using (var tx = await c.BeginTransactionAsync())
        {
            Assert.True(await App.Services.GetRequiredService<MessageStore>().ApplyEditAsync(c, tx, kept.MessageId, $"talla {tag} cuarenta y dos", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, default));
            await tx.CommitAsync();
        }
        Assert.Equal([kept.MessageId], Ids(await SearchAsync(Admin, $"cuarenta {tag} dos")));

        // After a merge the moved message is found in the survivor's thread.
        await Admin.PostJsonAsync<ContactDto>(Routes.ContactMerge(kept.ContactId), new MergeContactsRequest(other.ContactId));
        var moved = Assert.Single((await SearchAsync(Admin, $"rojo {tag}")).Messages);
        Assert.Equal((other.MessageId, kept.ConversationId, kept.ContactId), (moved.MessageId, moved.ConversationId, moved.ContactId));

        // Erasure takes the words out of the index with the messages.
        await (await Admin.DeleteAsync(Routes.Contact(kept.ContactId))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Empty((await SearchAsync(Admin, tag)).Messages);
        Assert.Empty((await SearchAsync(Admin, "600 100 030", "&kind=contacts")).Contacts);
    }

    [Fact]
    public async Task A_phone_is_found_however_it_is_typed_and_contacts_filter_by_channel()
    {
        var tag = Word();
        var ana = await App.PushAcceptedAsync(Channel, Id(), "+34 612 34 56 78", "hola", name: $"Ana {tag}");
        var email = await App.PushAcceptedAsync(Channel, Id(), $"{tag}@tienda.test", "hola", kind: "email", name: "Íñigo Peña");
        foreach (var typed in new[] { "+34 612 34 56 78", "612345678", "0034612345678", "612 34 56", "(+34) 612-345-678" })
            Assert.Contains(ana.ContactId, (await SearchAsync(Admin, typed, "&kind=contacts")).Contacts.Select(c => c.Id));

        var byEmail = Assert.Single((await SearchAsync(Admin, tag.ToUpperInvariant() + "@TIENDA", "&kind=contacts")).Contacts);
        Assert.Equal((email.ContactId, $"{tag}@tienda.test", email.ConversationId), (byEmail.Id, byEmail.Email, byEmail.ConversationId));
        Assert.Equal([IdentityKind.Email], byEmail.Kinds);
        var byName = Assert.Single((await SearchAsync(Admin, $"{tag} ana", "&kind=contacts")).Contacts);
        Assert.Equal(ana.ContactId, byName.Id);
        var inigo = Assert.Single((await SearchAsync(Admin, "inigo pena", $"&kind=contacts&channel={Channel.Id}")).Contacts);
        Assert.Equal(["Íñigo", "Peña"], Marked(inigo.Name!));

        // With no query the contacts of one channel are listed, newest first, a page at a time.
        var page = await SearchAsync(Admin, "", $"&kind=contacts&channel={Channel.Id}&limit=1");
        Assert.Equal([email.ContactId], page.Contacts.Select(c => c.Id));
        var next = await SearchAsync(Admin, "", $"&kind=contacts&channel={Channel.Id}&limit=1&cursor={page.NextCursor}");
        Assert.Equal([ana.ContactId], next.Contacts.Select(c => c.Id));
        Assert.Null(next.NextCursor);
    }

    private static async Task<SearchResultsDto> SearchAsync(HttpClient client, string q, string more = "") =>
        await client.GetJsonAsync<SearchResultsDto>($"{Routes.Search}?q={Uri.EscapeDataString(q)}{more}");

    private static long[] Ids(SearchResultsDto results) => results.Messages.Select(m => m.MessageId).ToArray();

    private static string[] Marked(SearchSnippetDto snippet) => snippet.Ranges.Select(r => snippet.Text.Substring(r.Start, r.Length)).ToArray();

    /// <summary>A word no other test writes: letters only, so it is one token to both databases.</summary>
    internal static string Word() => "zq" + string.Concat(Enumerable.Range(0, 10).Select(_ => (char)('a' + Random.Shared.Next(26))));

    private static string Id() => Guid.NewGuid().ToString("N");
}
