using System.Net;
using System.Net.Http.Json;
using Inbox.Connectors.WebChat;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Widget;

/// <summary>Inbox.setUser: only the site's HMAC of its user id merges a visitor into the known customer and shows their
/// history; a forged hash or an unverified email never does (it would hand a stranger someone else's thread).</summary>
public sealed class WidgetIdentityTests(SharedInbox shared) : IClassFixture<SharedInbox>
{
    private readonly InboxAppFactory _app = shared.App;

    [Fact]
    public async Task A_valid_identity_hash_on_another_device_shows_the_known_customers_history()
    {
        var channel = await _app.CreateWebChatAsync(shared.Admin);
        var userId = $"user-{Guid.NewGuid():N}";
        var hash = WebChatSettings.Sign(channel.IdentitySecret, userId);

        await using var laptop = await _app.OpenWidgetAsync(channel);
        await laptop.WriteAsync("Before signing in");
        var verified = await (await laptop.IdentifyAsync(userId, "marta@shop.test", "Marta", hash)).ReadJsonOrDumpAsync<WidgetUserDto>();
        Assert.True(verified.Verified);
        await laptop.WriteAsync("After signing in");

        // A phone: a new visitor until the site says who it is, with the same signed id.
        await using var phone = await _app.OpenWidgetAsync(channel);
        Assert.Empty(await phone.HistoryAsync());
        (await phone.IdentifyAsync(userId, null, "Marta", hash)).EnsureSuccessOrDump();
        Assert.Equal(["Before signing in", "After signing in"], (await phone.HistoryAsync()).Select(m => m.Text));

        // One contact, one thread in the inbox, with both browsers as its identities.
        var message = await phone.WriteAsync("From my phone");
        var thread = await ThreadOfAsync(message.Id);
        Assert.Equal(3, thread.Count(m => m.Direction == MessageDirection.Inbound));
    }

    [Fact]
    public async Task A_forged_hash_is_refused_and_shows_nothing_of_the_known_customer()
    {
        var channel = await _app.CreateWebChatAsync(shared.Admin);
        var userId = $"user-{Guid.NewGuid():N}";
        await using var owner = await _app.OpenWidgetAsync(channel);
        (await owner.IdentifyAsync(userId, null, null, WebChatSettings.Sign(channel.IdentitySecret, userId))).EnsureSuccessOrDump();
        await owner.WriteAsync("My address is Calle Mayor 1");

        await using var attacker = await _app.OpenWidgetAsync(channel);
        var forged = await attacker.IdentifyAsync(userId, null, null, WebChatSettings.Sign("guessed-secret", userId));
        await forged.AssertStatusAsync(HttpStatusCode.Forbidden);
        var garbage = await attacker.IdentifyAsync(userId, null, null, "not-a-hash");
        await garbage.AssertStatusAsync(HttpStatusCode.Forbidden);
        // Another id's valid hash does not open this id either.
        var otherHash = WebChatSettings.Sign(channel.IdentitySecret, "someone-else");
        await (await attacker.IdentifyAsync(userId, null, null, otherHash)).AssertStatusAsync(HttpStatusCode.Forbidden);
        Assert.Empty(await attacker.HistoryAsync());

        // What the attacker writes stays in their own thread.
        var theirs = await attacker.WriteAsync("hello?");
        Assert.DoesNotContain(await ThreadOfAsync(theirs.Id), m => m.Text.Contains("Calle Mayor"));
    }

    [Fact]
    public async Task An_unverified_email_is_remembered_but_never_merges_into_the_customer_who_owns_it()
    {
        var channel = await _app.CreateWebChatAsync(shared.Admin);
        var api = await _app.CreateApiChannelAsync(shared.Admin, name: $"Shop {Guid.NewGuid():N}");
        var email = $"lucia-{Guid.NewGuid():N}@shop.test";
        await _app.PushAcceptedAsync(api, $"m-{Guid.NewGuid():N}", email, "Private: my card ends in 4242", kind: "email");

        await using var stranger = await _app.OpenWidgetAsync(channel);
        var user = await (await stranger.IdentifyAsync(null, email, "Lucía", null)).ReadJsonOrDumpAsync<WidgetUserDto>();
        Assert.False(user.Verified);
        Assert.Equal(email, user.Email);
        Assert.Empty(await stranger.HistoryAsync());
        var written = await stranger.WriteAsync("hi");
        Assert.DoesNotContain(await ThreadOfAsync(written.Id), m => m.Text.Contains("4242"));

        // Signed with the site's secret, the email is the customer's: then it merges and shows the history.
        (await stranger.IdentifyAsync(null, email, "Lucía", WebChatSettings.Sign(channel.IdentitySecret, email))).EnsureSuccessOrDump();
        Assert.Contains(await stranger.HistoryAsync(), m => m.Text.Contains("4242"));
    }

    private async Task<IReadOnlyList<MessageDto>> ThreadOfAsync(long messageId) =>
        await Eventually.GetAsync(async () =>
        {
            await using var db = _app.OpenDatabase();
            var conversationId = await Dapper.SqlMapper.QuerySingleOrDefaultAsync<long?>(db, "SELECT conversation_id FROM messages WHERE id = @Id", new { Id = messageId });
            if (conversationId is null) return (IReadOnlyList<MessageDto>)[];
            return (await shared.Admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(conversationId.Value))).Items;
        }, items => items.Count > 0);
}
