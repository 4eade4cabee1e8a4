using System.Net;
using Inbox.Contracts;
using Inbox.Web.Contacts;
using Inbox.Web.Conversations;
using Inbox.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Inbox.Web.Tests.Infrastructure;
using MudBlazor;

namespace Inbox.Web.Tests.Contacts;

/// <summary>The contact panel says why each address joined the customer automatically, and splits a wrong one off after asking.</summary>
public sealed class ContactPanelLinksTests : ConsoleTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly IdentityDto Visitor = Fixtures.Identity(501, IdentityKind.WebVisitor, "3f2a9c");
    private static readonly IdentityDto Email = Fixtures.Identity(502, IdentityKind.Email, "lucia@customer.test");
    private static readonly IdentityDto Telegram = Fixtures.Identity(503, IdentityKind.Telegram, "7001");
    private readonly ContactDto _contact = Fixtures.Contact(105, "Lucía", Visitor, Email, Telegram);

    private void Links(params IdentityLinkDto[] links) => Http.OnJson(HttpMethod.Get, HandoffRoutes.ContactLinks(105), links);

    private static IdentityLinkDto Link(long id, IdentityDto identity, string reason, bool undone = false) =>
        new(id, identity.Id, identity.Kind, identity.Address, reason, 1, Fixtures.T0, undone ? Fixtures.T0.AddHours(1) : null);

    private IRenderedComponent<MudSnackbarProvider> _snackbar = null!;

    private (IRenderedComponent<MudDialogProvider> Host, IRenderedComponent<ContactPanel> Panel, List<ContactDto> Split) RenderPanel()
    {
        Http.OnJson(HttpMethod.Get, Routes.ContactOrders(105), new ContactOrdersDto(105, [], [], [], []));
        _snackbar = Render<MudSnackbarProvider>();
        var host = RenderDialogHost();
        var split = new List<ContactDto>();
        var panel = Render<ContactPanel>(p => p.Add(x => x.Contact, _contact).Add(x => x.OnSplit, c => split.Add(c)));
        return (host, panel, split);
    }

    private static string? ReasonOf(IRenderedComponent<ContactPanel> panel, long identityId) =>
        panel.FindAll($".identity-item[data-identity-id='{identityId}'] .identity-link").SingleOrDefault()?.TextContent.Trim();

    [Fact]
    public void Each_automatically_linked_address_shows_its_reason_and_an_undone_link_shows_none()
    {
        Links(Link(1, Email, IdentityLinkReasons.VerifiedEmail), Link(2, Telegram, IdentityLinkReasons.HandoffCode), Link(3, Visitor, IdentityLinkReasons.VerifiedWidgetIdentity, undone: true));

        var (_, panel, _) = RenderPanel();

        panel.WaitForAssertion(() => Assert.NotNull(ReasonOf(panel, 502)), Wait);
        Assert.StartsWith("Linked automatically: email verified by a mailed link", ReasonOf(panel, 502));
        Assert.StartsWith("Linked automatically: hand-off code sent from here", ReasonOf(panel, 503));
        Assert.Null(ReasonOf(panel, 501));
        Assert.Equal(3, panel.FindAll(".identity-split").Count);
    }

    [Fact]
    public void The_reasons_read_in_spanish()
    {
        Culture.Set("es");
        Links(Link(1, Email, IdentityLinkReasons.VerifiedEmail));

        var (_, panel, _) = RenderPanel();

        panel.WaitForAssertion(() => Assert.StartsWith("Vinculada automáticamente: email verificado con un enlace por correo", ReasonOf(panel, 502)), Wait);
        Assert.Equal("Separar lucia@customer.test", panel.Find(".identity-item[data-identity-id='502'] .identity-split").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Split_off_asks_first_cancel_changes_nothing_and_confirming_calls_the_api_and_hands_back_the_contact_as_it_is_now()
    {
        Links(Link(1, Email, IdentityLinkReasons.VerifiedEmail));
        var after = _contact with { Identities = [Visitor, Telegram] };
        Http.OnJson(HttpMethod.Post, HandoffRoutes.IdentitySplit(105, 502),
            new SplitDto(Fixtures.Contact(230, "", Email), 231, 2));
        Http.OnJson(HttpMethod.Get, Routes.Contact(105), after);
        var (host, panel, split) = RenderPanel();
        panel.WaitForAssertion(() => Assert.NotNull(ReasonOf(panel, 502)), Wait);

        await panel.InvokeAsync(() => panel.Find(".identity-item[data-identity-id='502'] .identity-split").Click());
        host.WaitForAssertion(() => Assert.Contains("Split off lucia@customer.test?", host.Markup), Wait);
        Assert.Contains("lucia@customer.test and its messages move to a new contact", host.Markup);
        await host.InvokeAsync(() => host.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click());

        host.WaitForAssertion(() => Assert.DoesNotContain("Split off lucia@customer.test?", host.Markup), Wait);
        Assert.DoesNotContain(Http.Requests, r => r.Method == HttpMethod.Post);

        await panel.InvokeAsync(() => panel.Find(".identity-item[data-identity-id='502'] .identity-split").Click());
        host.WaitForAssertion(() => Assert.Contains("Split off lucia@customer.test?", host.Markup), Wait);
        await host.InvokeAsync(() => host.FindAll("button").Single(b => b.TextContent.Trim() == "Split off").Click());

        panel.WaitForAssertion(() => Assert.Single(split), Wait);
        Assert.Single(Http.Requests, r => r.Method == HttpMethod.Post && r.PathAndQuery == HandoffRoutes.IdentitySplit(105, 502));
        Assert.Equal([501L, 503L], split[0].Identities.Select(i => i.Id));
    }

    [Fact]
    public async Task A_refused_split_says_why()
    {
        Links();
        Http.On(HttpMethod.Post, HandoffRoutes.IdentitySplit(105, 501),
            _ => FakeHttpHandler.Problem(HttpStatusCode.BadRequest, "One or more validation errors occurred.", new { identityId = new[] { "This is the contact's only identity: there is nothing to split it from." } }));
        var (host, panel, split) = RenderPanel();

        await panel.InvokeAsync(() => panel.Find(".identity-item[data-identity-id='501'] .identity-split").Click());
        host.WaitForAssertion(() => Assert.Contains("Split off 3f2a9c?", host.Markup), Wait);
        await host.InvokeAsync(() => host.FindAll("button").Single(b => b.TextContent.Trim() == "Split off").Click());

        _snackbar.WaitForAssertion(() => Assert.Contains("Could not split off: This is the contact's only identity", _snackbar.Markup), Wait);
        Assert.Empty(split);
    }

    [Fact]
    public void A_contact_with_one_address_offers_no_split()
    {
        Links();
        Http.OnJson(HttpMethod.Get, Routes.ContactOrders(106), new ContactOrdersDto(106, [], [], [], []));
        var panel = Render<ContactPanel>(p => p.Add(x => x.Contact, Fixtures.Contact(106, "Solo", Email)).Add(x => x.OnSplit, _ => { }));

        Assert.Empty(panel.FindAll(".identity-split"));
    }

    [Fact]
    public void The_threads_activity_line_names_the_reason_in_words_and_an_unknown_one_as_the_server_does()
    {
        var L = Services.GetRequiredService<IStringLocalizer<AppStrings>>();
        string Line(string reason) => ActivityText.Describe(new ActivityDto(1, EventTypes.IdentityLinked, Fixtures.T0, null, null, Reason: reason), L, _ => null, _ => null, _ => null);

        Assert.Equal("A new address joined this contact (email verified by a mailed link)", Line(IdentityLinkReasons.VerifiedEmail));
        Assert.Equal("A new address joined this contact (somethingNew)", Line("somethingNew"));
    }
}
