using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Search;

/// <summary>
/// A contact or conversation id names one customer for ever: after a merge or an erasure deletes the newest one, the
/// next customer gets a new id (SQLite would hand out MAX(id) + 1 again), and a merged-away id says where it went.
/// </summary>
public sealed class StableIdTests(SharedInbox shared) : SharedInboxTest(shared)
{
    [Fact]
    public async Task Ids_deleted_by_a_merge_or_an_erasure_are_never_given_to_another_customer()
    {
        var kept = await App.PushAcceptedAsync(Channel, Id(), "+34 611 000 001", "hola");
        var merged = await App.PushAcceptedAsync(Channel, Id(), "+34 611 000 002", "hola otra vez");
        Assert.True(merged.ContactId > kept.ContactId && merged.ConversationId > kept.ConversationId);
        await Admin.PostJsonAsync<ContactDto>(Routes.ContactMerge(kept.ContactId), new MergeContactsRequest(merged.ContactId));

        var next = await App.PushAcceptedAsync(Channel, Id(), "+34 611 000 003", "soy nuevo");
        Assert.True(next.ContactId > merged.ContactId, $"contact id {next.ContactId} reused (merged away: {merged.ContactId})");
        Assert.True(next.ConversationId > merged.ConversationId, $"conversation id {next.ConversationId} reused (merged away: {merged.ConversationId})");

        await (await Admin.DeleteAsync(Routes.Contact(next.ContactId))).AssertStatusAsync(HttpStatusCode.OK);
        var after = await App.PushAcceptedAsync(Channel, Id(), "+34 611 000 004", "hola");
        Assert.True(after.ContactId > next.ContactId && after.ConversationId > next.ConversationId,
            $"ids reused after an erasure: contact {after.ContactId} (erased {next.ContactId}), conversation {after.ConversationId} (erased {next.ConversationId})");
    }

    [Fact]
    public async Task A_merged_away_id_answers_with_the_survivor()
    {
        var kept = await App.PushAcceptedAsync(Channel, Id(), "+34 611 000 011", "hola");
        var first = await App.PushAcceptedAsync(Channel, Id(), "+34 611 000 012", "hola");
        var second = await App.PushAcceptedAsync(Channel, Id(), "+34 611 000 013", "hola");
        // A chain: first into second, then second into kept; both old ids lead to kept in one hop.
        await Admin.PostJsonAsync<ContactDto>(Routes.ContactMerge(second.ContactId), new MergeContactsRequest(first.ContactId));
        await Admin.PostJsonAsync<ContactDto>(Routes.ContactMerge(kept.ContactId), new MergeContactsRequest(second.ContactId));

        foreach (var old in new[] { first.ContactId, second.ContactId })
        {
            var moved = await (await Admin.GetAsync(Routes.Contact(old))).AssertStatusAsync(HttpStatusCode.NotFound);
            Assert.Contains($"\"mergedInto\":{kept.ContactId}", moved);
            Assert.Contains($"\"location\":\"{Routes.Contact(kept.ContactId)}\"", moved);
        }
        var thread = await (await Admin.GetAsync(Routes.ConversationMessages(first.ConversationId) + "?limit=5")).AssertStatusAsync(HttpStatusCode.NotFound);
        Assert.Contains($"\"mergedInto\":{kept.ConversationId}", thread);
        Assert.Contains($"\"location\":\"{Routes.ConversationMessages(kept.ConversationId)}?limit=5\"", thread);

        // A write names the survivor too, and changes nothing.
        var patch = await Admin.PatchAsJsonAsync(Routes.Contact(second.ContactId), new UpdateContactRequest("Otro", null, null, null));
        Assert.Contains($"\"mergedInto\":{kept.ContactId}", await patch.AssertStatusAsync(HttpStatusCode.NotFound));
        Assert.NotEqual("Otro", (await Admin.GetJsonAsync<ContactDto>(Routes.Contact(kept.ContactId))).Name);

        // An id that never existed is a plain 404.
        var unknown = await Admin.GetAsync(Routes.Contact(long.MaxValue - 1));
        Assert.DoesNotContain("mergedInto", await unknown.AssertStatusAsync(HttpStatusCode.NotFound));
    }

    private static string Id() => Guid.NewGuid().ToString("N");
}
