using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Widget;

/// <summary>A visitor opens the widget on the shop's site: a session bound to one visitor, history across reloads, and
/// nothing for other sites or other visitors.</summary>
public sealed class WidgetSessionTests(SharedInbox shared) : IClassFixture<SharedInbox>
{
    private readonly InboxAppFactory _app = shared.App;

    [Fact]
    public async Task A_new_visitor_gets_a_token_once_and_coming_back_with_it_resumes_the_same_visitor_and_history()
    {
        var channel = await _app.CreateWebChatAsync(shared.Admin);
        await using var first = await _app.OpenWidgetAsync(channel);
        Assert.False(first.Session.Returning);
        Assert.StartsWith("inbox_wv_", first.Session.Token);
        Assert.Equal("Hello!", first.Session.Config.Greeting);
        await first.WriteAsync("Do you ship to Cádiz?");

        // A reload (or a new tab, or days later) brings the stored token back.
        await using var again = await _app.OpenWidgetAsync(channel, first.Token);
        Assert.True(again.Session.Returning);
        Assert.Null(again.Session.Token);
        Assert.Equal(first.Session.VisitorId, again.Session.VisitorId);
        var history = await again.HistoryAsync();
        Assert.Equal(["Do you ship to Cádiz?"], history.Select(m => m.Text));
        Assert.Equal(WidgetAuthor.Visitor, history[0].From);

        // The token is kept only as a hash.
        await using var db = _app.OpenDatabase();
        var stored = await Dapper.SqlMapper.QuerySingleAsync<string>(db, "SELECT token_hash FROM widget_visitors WHERE id = @Id", new { Id = first.Session.VisitorId });
        Assert.NotEqual(first.Token, stored);
        Assert.Equal(64, stored.Length);
    }

    [Fact]
    public async Task A_channel_that_asks_first_asks_until_the_visitor_has_said_their_name_and_an_unverified_email_links_nothing()
    {
        var plain = await _app.CreateWebChatAsync(shared.Admin);
        await using (var elsewhere = await _app.OpenWidgetAsync(plain))
            Assert.False(elsewhere.Session.Config.PreChat);
        var channel = await _app.CreateWebChatAsync(shared.Admin, preChat: true);
        await using var first = await _app.OpenWidgetAsync(channel);
        Assert.True(first.Session.Config.PreChat);

        await (await first.IdentifyAsync(null, "not-an-email", "Lucía", null)).AssertStatusAsync(HttpStatusCode.BadRequest);
        (await first.IdentifyAsync(null, "lucia@example.com", "Lucía", null)).EnsureSuccessOrDump();
        await first.WriteAsync("Hola, ¿tenéis el sofá en verde?");

        await using var again = await _app.OpenWidgetAsync(channel, first.Token);
        Assert.False(again.Session.Config.PreChat);
        await using var db = _app.OpenDatabase();
        Assert.Equal(0, await Dapper.SqlMapper.ExecuteScalarAsync<long>(db,
            "SELECT COUNT(*) FROM contact_identities WHERE kind = 'email' AND address = 'lucia@example.com'"));
    }

    [Fact]
    public async Task A_visitor_message_lands_in_the_agents_inbox_as_a_web_chat_message()
    {
        var channel = await _app.CreateWebChatAsync(shared.Admin);
        await using var visitor = await _app.OpenWidgetAsync(channel);
        var sent = await visitor.WriteAsync("  <b>Hi</b> there  ");
        Assert.Equal("<b>Hi</b> there", sent.Text);

        var messages = await Eventually.GetAsync(async () =>
        {
            var page = await shared.Admin.GetJsonAsync<ConversationPage>(Routes.Conversations);
            foreach (var c in page.Items)
            {
                var m = await shared.Admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(c.Id));
                if (m.Items.Any(x => x.Id == sent.Id)) return m.Items;
            }
            return [];
        }, items => items.Count > 0);
        var stored = Assert.Single(messages);
        Assert.Equal(ChannelTypes.WebChat, stored.ChannelType);
        Assert.Equal(channel.Id, stored.ChannelId);
        Assert.Equal(visitor.Session.VisitorId, stored.IdentityAddress);
    }

    [Fact]
    public async Task A_page_on_another_origin_is_refused_on_every_widget_call_including_the_preflight()
    {
        var channel = await _app.CreateWebChatAsync(shared.Admin);
        using var evil = _app.CreateClient();
        evil.DefaultRequestHeaders.Add("Origin", "https://evil.test");
        var session = await evil.PostAsJsonAsync(WidgetRoutes.Sessions(channel.Key), new WidgetSessionRequest(null));
        await session.AssertStatusAsync(HttpStatusCode.Forbidden);

        using var preflight = new HttpRequestMessage(HttpMethod.Options, WidgetRoutes.Messages(channel.Key));
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        var refused = await evil.SendAsync(preflight);
        await refused.AssertStatusAsync(HttpStatusCode.Forbidden);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));

        // The allowed origin gets its CORS answer (no credentials: the widget sends no cookies).
        using var shop = _app.CreateClient();
        shop.DefaultRequestHeaders.Add("Origin", WidgetSite.ShopOrigin);
        using var allowedPreflight = new HttpRequestMessage(HttpMethod.Options, WidgetRoutes.Messages(channel.Key));
        allowedPreflight.Headers.Add("Access-Control-Request-Method", "POST");
        var allowed = await shop.SendAsync(allowedPreflight);
        await allowed.AssertStatusAsync(HttpStatusCode.NoContent);
        Assert.Equal(WidgetSite.ShopOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(allowed.Headers.Contains("Access-Control-Allow-Credentials"));

        // The hub too: negotiate from the foreign origin is a 403 before SignalR sees it.
        await using var hub = WidgetVisitor.BuildHub(_app, channel.Key, "https://evil.test");
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => hub.StartAsync());
        Assert.Contains("403", failure.Message);
    }

    [Fact]
    public async Task A_key_that_is_not_an_enabled_web_chat_channel_is_not_found()
    {
        using var shop = _app.CreateClient();
        shop.DefaultRequestHeaders.Add("Origin", WidgetSite.ShopOrigin);
        var unknown = await shop.PostAsJsonAsync(WidgetRoutes.Sessions("nope"), new WidgetSessionRequest(null));
        await unknown.AssertStatusAsync(HttpStatusCode.NotFound);

        var channel = await _app.CreateWebChatAsync(shared.Admin);
        (await shared.Admin.PatchAsJsonAsync(Routes.Channel(channel.Id), new UpdateChannelRequest(null, false, null, null))).EnsureSuccessOrDump();
        await Eventually.GetAsync(async () => (await shop.PostAsJsonAsync(WidgetRoutes.Sessions(channel.Key), new WidgetSessionRequest(null))).StatusCode,
            s => s == HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_visitor_token_reaches_only_its_own_conversation()
    {
        var channel = await _app.CreateWebChatAsync(shared.Admin);
        await using var ana = await _app.OpenWidgetAsync(channel);
        await using var bea = await _app.OpenWidgetAsync(channel);
        var anasMessage = await ana.WriteAsync("My order number is 1234");
        await bea.WriteAsync("Hola");

        Assert.Equal(["Hola"], (await bea.HistoryAsync()).Select(m => m.Text));
        Assert.Equal(["My order number is 1234"], (await ana.HistoryAsync()).Select(m => m.Text));

        // Bea's live connection cannot acknowledge or read Ana's messages either; another channel's key refuses her token.
        var other = await _app.CreateWebChatAsync(shared.Admin);
        using var elsewhere = _app.CreateClient();
        elsewhere.DefaultRequestHeaders.Add("Origin", WidgetSite.ShopOrigin);
        elsewhere.DefaultRequestHeaders.Add(WidgetRoutes.VisitorHeader, ana.Token);
        await (await elsewhere.GetAsync(WidgetRoutes.Messages(other.Key))).AssertStatusAsync(HttpStatusCode.Unauthorized);

        using var noToken = _app.CreateClient();
        noToken.DefaultRequestHeaders.Add("Origin", WidgetSite.ShopOrigin);
        await (await noToken.GetAsync(WidgetRoutes.Messages(channel.Key))).AssertStatusAsync(HttpStatusCode.Unauthorized);
        Assert.True(anasMessage.Id > 0);
    }

    [Fact]
    public async Task Reset_forgets_the_visitor_so_the_next_person_on_that_browser_starts_afresh()
    {
        var channel = await _app.CreateWebChatAsync(shared.Admin);
        await using var visitor = await _app.OpenWidgetAsync(channel);
        await visitor.WriteAsync("My private question");

        await (await visitor.Http.DeleteAsync(WidgetRoutes.Sessions(channel.Key))).AssertStatusAsync(HttpStatusCode.NoContent);
        await (await visitor.Http.GetAsync(WidgetRoutes.Messages(channel.Key))).AssertStatusAsync(HttpStatusCode.Unauthorized);

        // The old token no longer resumes anything: a new visitor, with nothing to read.
        await using var next = await _app.OpenWidgetAsync(channel, visitor.Token);
        Assert.False(next.Session.Returning);
        Assert.NotEqual(visitor.Session.VisitorId, next.Session.VisitorId);
        Assert.Empty(await next.HistoryAsync());
    }

    [Fact]
    public async Task Messages_have_limits_and_bad_input_is_a_clear_400()
    {
        var channel = await _app.CreateWebChatAsync(shared.Admin);
        await using var visitor = await _app.OpenWidgetAsync(channel);
        var tooLong = await visitor.SendAsync(new string('a', 5_001));
        Assert.Contains("5000", await tooLong.AssertStatusAsync(HttpStatusCode.BadRequest));
        await (await visitor.SendAsync("   ")).AssertStatusAsync(HttpStatusCode.BadRequest);
        await (await visitor.SendAsync("hi", clientId: "../../etc")).AssertStatusAsync(HttpStatusCode.BadRequest);

        // A retried send (same client id) is one message.
        var once = await (await visitor.SendAsync("Only once", "retry-1")).ReadJsonOrDumpAsync<WidgetMessageDto>();
        var twice = await (await visitor.SendAsync("Only once", "retry-1")).ReadJsonOrDumpAsync<WidgetMessageDto>();
        Assert.Equal(once.Id, twice.Id);
        Assert.Single(await visitor.HistoryAsync());
    }
}
