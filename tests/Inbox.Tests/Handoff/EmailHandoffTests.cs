using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Email;
using Inbox.Tests.Infrastructure;
using Inbox.Tests.Telegram;
using Inbox.Tests.Widget;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Tests.Handoff;

/// <summary>
/// "Send me replies by email": the visitor gives an address, the shop's mailbox sends a one-time link built from the
/// configured public URL, and only opening it (and pressing Confirm) joins the address to the visitor's contact, with its
/// reason and an event in the thread. Until then the address is nobody's; a used or expired link links nothing.
/// </summary>
public sealed class EmailHandoffTests(MailServers servers) : IClassFixture<MailServers>, IAsyncLifetime
{
    private EmailHandoffSite _shop = null!;

    public async Task InitializeAsync() => _shop = await EmailHandoffSite.StartAsync(servers);

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    [Fact]
    public async Task The_mailed_link_joins_the_address_with_its_reason_and_an_event_once_and_only_once()
    {
        var mailbox = _shop.NewCustomer("lucia");
        await using var visitor = await _shop.App.OpenWidgetAsync(_shop.Site);
        Assert.True(visitor.Session.Config.EmailHandoff);
        await visitor.WriteAsync("¿Tenéis el sofá en verde?");
        var conversationId = await _shop.ThreadOfVisitorAsync(visitor);

        var asked = await EmailHandoffSite.AskAsync(visitor, _shop.Site, mailbox);

        await asked.AssertStatusAsync(HttpStatusCode.Accepted);
        var offer = await asked.ReadJsonOrDumpAsync<EmailHandoffDto>();
        Assert.Equal(mailbox, offer.Email);
        var mail = Assert.Single(await _shop.VerificationMailsAsync(mailbox));
        Assert.StartsWith($"{EmailHandoffSite.PublicBase}/continue-by-email#token=", mail.Link);
        Assert.StartsWith("Confirma tu email", mail.Subject);
        // Waiting for the click, the address is nobody's identity.
        Assert.Null(await _shop.ContactOfAsync("email", mailbox));
        var contactId = (await _shop.Admin.GetJsonAsync<ConversationDto>(Routes.Conversation(conversationId))).Contact.Id;
        Assert.Empty(await _shop.Admin.GetJsonAsync<List<IdentityLinkDto>>(HandoffRoutes.ContactLinks(contactId)));

        var (status, page) = await _shop.ConfirmAsync(mail.Link);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(mailbox, page);
        Assert.Equal(contactId, await _shop.ContactOfAsync("email", mailbox));
        var link = Assert.Single(await _shop.Admin.GetJsonAsync<List<IdentityLinkDto>>(HandoffRoutes.ContactLinks(contactId)));
        Assert.Equal((IdentityKind.Email, mailbox, IdentityLinkReasons.VerifiedEmail, (long?)_shop.EmailChannelId), (link.Kind, link.Address, link.Reason, link.ChannelId));
        Assert.Equal(1, await _shop.EventsAsync(conversationId, EventTypes.IdentityLinked));
        await using (var back = await _shop.App.OpenWidgetAsync(_shop.Site, visitor.Token))
            Assert.Equal(mailbox, back.Session.Config.VerifiedEmail);

        var (again, againPage) = await _shop.ConfirmAsync(mail.Link);

        Assert.Equal(HttpStatusCode.Gone, again);
        Assert.Contains("ya se usó", againPage);
        Assert.Single(await _shop.Admin.GetJsonAsync<List<IdentityLinkDto>>(HandoffRoutes.ContactLinks(contactId)));
        Assert.Equal(1, await _shop.EventsAsync(conversationId, EventTypes.IdentityLinked));
    }

    [Fact]
    public async Task An_address_typed_but_never_confirmed_never_reaches_the_history_its_owner_has()
    {
        // Marta wrote to the shop by email: her thread must stay hers while someone else types her address into the chat.
        var marta = _shop.NewCustomer("marta");
        var first = EmailChannelApp.Mail(marta, _shop.Support, "Pedido 1001", "Mi pedido llegó roto.");
        await servers.AppendAsync(_shop.Support, first);
        var hers = await _shop.App.StoredAsync(_shop.EmailChannelId, first.MessageId);
        await using var stranger = await _shop.App.OpenWidgetAsync(_shop.Site);
        await stranger.WriteAsync("Hola");

        await (await EmailHandoffSite.AskAsync(stranger, _shop.Site, marta, "en")).AssertStatusAsync(HttpStatusCode.Accepted);

        var mail = Assert.Single(await _shop.VerificationMailsAsync(marta));
        Assert.StartsWith("Confirm your email", mail.Subject);
        Assert.DoesNotContain(await stranger.HistoryAsync(), m => m.Text == "Mi pedido llegó roto.");
        Assert.NotEqual(await _shop.ContactOfAsync("email", marta), await _shop.ContactOfAsync("webVisitor", stranger.Session.VisitorId));
        Assert.NotEqual(hers.ConversationId, await _shop.ThreadOfVisitorAsync(stranger));

        // Marta herself opens the link: now the chat is hers, and shows her earlier mail.
        var (status, page) = await _shop.ConfirmAsync(mail.Link);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Email confirmed", page);
        Assert.Equal(await _shop.ContactOfAsync("email", marta), await _shop.ContactOfAsync("webVisitor", stranger.Session.VisitorId));
        var history = (await stranger.HistoryAsync()).Select(m => m.Text).ToList();
        Assert.Equal(["Mi pedido llegó roto.", "Hola"], history);
        var links = await _shop.Admin.GetJsonAsync<List<IdentityLinkDto>>(HandoffRoutes.ContactLinks((await _shop.ContactOfAsync("email", marta))!.Value));
        Assert.Contains(links, l => l.Reason == IdentityLinkReasons.VerifiedEmail && l.Kind == IdentityKind.WebVisitor && l.Address == stranger.Session.VisitorId);
    }

    [Fact]
    public async Task A_link_that_is_forged_or_missing_links_nothing_and_says_so()
    {
        var browser = _shop.App.CreateClient();

        var forged = await browser.PostAsync(HandoffRoutes.EmailConfirmPage, new FormUrlEncodedContent([new("token", "inbox_mail_not-a-real-token")]));
        var empty = await browser.PostAsync(HandoffRoutes.EmailConfirmPage, new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("no es válido", await forged.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task Bad_addresses_are_refused_and_an_address_gets_at_most_three_links_an_hour()
    {
        var mailbox = _shop.NewCustomer("pablo");
        await using var visitor = await _shop.App.OpenWidgetAsync(_shop.Site);

        var bad = await EmailHandoffSite.AskAsync(visitor, _shop.Site, "not an email");

        await bad.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Contains("email", await bad.Content.ReadAsStringAsync());
        for (var i = 0; i < 3; i++) await (await EmailHandoffSite.AskAsync(visitor, _shop.Site, mailbox)).AssertStatusAsync(HttpStatusCode.Accepted);
        await using var other = await _shop.App.OpenWidgetAsync(_shop.Site);
        await (await EmailHandoffSite.AskAsync(other, _shop.Site, mailbox)).AssertStatusAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(3, (await _shop.VerificationMailsAsync(mailbox, atLeast: 3)).Count);
    }

    [Fact]
    public async Task Erasing_the_contact_erases_the_addresses_it_verified_or_asked_for()
    {
        var verified = _shop.NewCustomer("borrar");
        var pending = _shop.NewCustomer("pendiente");
        await using var visitor = await _shop.App.OpenWidgetAsync(_shop.Site);
        await visitor.WriteAsync("Hola");
        await (await EmailHandoffSite.AskAsync(visitor, _shop.Site, verified)).AssertStatusAsync(HttpStatusCode.Accepted);
        await _shop.ConfirmAsync(Assert.Single(await _shop.VerificationMailsAsync(verified)).Link);
        await (await EmailHandoffSite.AskAsync(visitor, _shop.Site, pending)).AssertStatusAsync(HttpStatusCode.Accepted);
        var contactId = (await _shop.ContactOfAsync("email", verified))!.Value;

        await (await _shop.Admin.DeleteAsync(Routes.Contact(contactId))).AssertStatusAsync(HttpStatusCode.OK);

        await using var db = _shop.App.OpenDatabase();
        Assert.Equal(0, await Dapper.SqlMapper.ExecuteScalarAsync<long>(db, "SELECT COUNT(*) FROM email_verifications WHERE email IN (@A, @B)",
            new { A = verified, B = pending }));
    }

    [Fact]
    public async Task A_site_without_an_email_channel_does_not_offer_it()
    {
        await using var bare = await EmailHandoffSite.StartAsync(servers, withMailbox: false);
        await using var visitor = await bare.App.OpenWidgetAsync(bare.Site);

        Assert.False(visitor.Session.Config.EmailHandoff);
        await (await EmailHandoffSite.AskAsync(visitor, bare.Site, "ana@customer.test")).AssertStatusAsync(HttpStatusCode.Conflict);
    }
}

/// <summary>On a clock the test moves: a link opened after its 24 hours links nothing.</summary>
public sealed class EmailHandoffExpiryTests(MailServers servers) : IClassFixture<MailServers>
{
    [Fact]
    public async Task A_link_opened_after_a_day_links_nothing_and_says_it_expired()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var shop = await EmailHandoffSite.StartAsync(servers, clock);
        var mailbox = shop.NewCustomer("rosa");
        await using var visitor = await shop.App.OpenWidgetAsync(shop.Site);
        await visitor.WriteAsync("Hola");
        var asked = await EmailHandoffSite.AskAsync(visitor, shop.Site, mailbox, "en");
        await asked.AssertStatusAsync(HttpStatusCode.Accepted);
        var offer = await asked.ReadJsonOrDumpAsync<EmailHandoffDto>();
        Assert.Equal(clock.GetUtcNow().AddHours(24), offer.ExpiresAt);
        var mail = Assert.Single(await shop.VerificationMailsAsync(mailbox));

        clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var (status, page) = await shop.ConfirmAsync(mail.Link);

        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Contains("expired", page);
        Assert.Null(await shop.ContactOfAsync("email", mailbox));
    }
}
