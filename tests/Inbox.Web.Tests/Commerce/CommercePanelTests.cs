using System.Net;
using System.Text.Json;
using Inbox.Contracts;
using Inbox.Web.Commerce;
using Inbox.Web.Conversations;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Web;

namespace Inbox.Web.Tests.Commerce;

public sealed class CommercePanelTests : ConsoleTestContext
{
    private const long ConversationId = 42;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly ContactDto _contact = Fixtures.Contact(105, "Lucía Martín");

    private static OrderDto Order(string number, OrderStatus status, string? tracking = null) =>
        new(number, "inbox", status, FulfilmentStatus.Shipped, "Lucía Martín", "lucia@example.com", null,
            [new OrderItemDto("MES-ROBLE-180", "Mesa de comedor", 1, 590m)], 590m, "EUR", tracking, null, null, "Madrid", Fixtures.T0);

    private static StockDto Stock(long id, string code, string name, string city, int available) =>
        new(id, code, name, LocationKind.Shop, city, available, 0, available);

    private static ProductDto GreenSofa(int valencia = 1) => new(11, "SOF-CHES3-VERDE", "Sofá Chester 3 plazas",
        new Dictionary<string, string> { ["colour"] = "verde" }, 1290m, "EUR", null, "inbox",
        [Stock(1, "MAD-CENTRO", "Casa Olmo Madrid Centro", "Madrid", 0), Stock(3, "VLC-RUZAFA", "Casa Olmo Valencia Ruzafa", "Valencia", valencia)]);

    private static ReservationDto Held(long id = 900) => new(id, ReservationStatus.Held, 11, "SOF-CHES3-VERDE", "Sofá Chester 3 plazas", 3,
        "Casa Olmo Valencia Ruzafa", 1, 105, "Lucía Martín", ConversationId, Fixtures.T0.AddDays(2), Fixtures.T0, 7, null, null);

    private void NoReservations() => Http.OnJson(HttpMethod.Get, Routes.ConversationReservations(ConversationId), Array.Empty<ReservationDto>());

    private IRenderedComponent<CommercePanel> RenderPanel() =>
        Render<CommercePanel>(p => p.Add(x => x.Contact, _contact).Add(x => x.ConversationId, ConversationId));

    private IRenderedComponent<Composer> RenderComposer() => Render<Composer>(p => p
        .Add(x => x.ConversationId, ConversationId)
        .Add(x => x.Identities, [Fixtures.Identity(501, IdentityKind.Phone, "+34600000001")])
        .Add(x => x.DefaultIdentityId, 501L));

    private static Task SearchAsync(IRenderedComponent<CommercePanel> cut, string text) => cut.InvokeAsync(() =>
    {
        cut.Find(".commerce-search input").Input(text);
        cut.Find(".commerce-search input").KeyDown(new KeyboardEventArgs { Key = "Enter" });
    });

    [Fact]
    public void Orders_of_every_email_and_phone_are_listed_with_status_and_the_tracking_link_goes_into_the_composer()
    {
        NoReservations();
        Http.OnJson(HttpMethod.Get, Routes.ContactOrders(105), new ContactOrdersDto(105, ["lucia@example.com"], ["+34612345678"],
            [Order("CO-10231", OrderStatus.Processing, "https://tracking.example/seur/CO-10231"), Order("CO-10102", OrderStatus.Completed)], []));
        var composer = RenderComposer();
        var cut = RenderPanel();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".commerce-order").Count), Wait);
        Assert.Equal(["CO-10231", "CO-10102"], cut.FindAll(".commerce-order-number").Select(e => e.TextContent.Trim()));
        Assert.Equal(["Processing", "Completed"], cut.FindAll(".commerce-order-status").Select(e => e.TextContent.Trim()));
        Assert.Empty(cut.FindAll(".commerce-source-down"));

        cut.Find(".commerce-order[data-order='CO-10231'] .d-flex").Click();
        cut.WaitForAssertion(() => Assert.Equal("https://tracking.example/seur/CO-10231", cut.Find(".commerce-order-tracking").GetAttribute("href")));
        cut.Find(".commerce-send-tracking").Click();

        composer.WaitForAssertion(() => Assert.Equal("You can follow your order CO-10231 here: https://tracking.example/seur/CO-10231",
            composer.Find("textarea").GetAttribute("value")), Wait);
    }

    [Fact]
    public void A_shop_that_does_not_answer_is_named_and_the_other_sources_still_show()
    {
        NoReservations();
        Http.OnJson(HttpMethod.Get, Routes.ContactOrders(105), new ContactOrdersDto(105, ["lucia@example.com"], [],
            [Order("CO-10231", OrderStatus.Processing)], [new CommerceSourceProblem("woocommerce", "woocommerce did not answer within 3 s.")]));

        var cut = RenderPanel();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".commerce-order")), Wait);
        var down = Assert.Single(cut.FindAll(".commerce-source-down"));
        Assert.Equal("woocommerce", down.GetAttribute("data-source"));
        Assert.Contains("The shop is not answering (woocommerce)", down.TextContent);
    }

    [Fact]
    public void Orders_that_fail_to_load_leave_the_product_search_working()
    {
        NoReservations();
        Http.On(HttpMethod.Get, Routes.ContactOrders(105), _ => FakeHttpHandler.Problem(HttpStatusCode.ServiceUnavailable, "Down"));
        Http.OnJson(HttpMethod.Get, Routes.CommerceProducts, new ProductSearchDto("sofa verde", "Madrid", [GreenSofa()], []));

        var cut = RenderPanel();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".commerce-orders-error")), Wait);
        _ = SearchAsync(cut, "sofa verde");

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".commerce-product")), Wait);
    }

    [Fact]
    public async Task Search_lists_stock_per_location_and_reserves_where_a_unit_is_available()
    {
        NoReservations();
        Http.OnJson(HttpMethod.Get, Routes.ContactOrders(105), new ContactOrdersDto(105, [], [], [], []));
        var searches = 0;
        Http.On(HttpMethod.Get, Routes.CommerceProducts, _ => FakeHttpHandler.Json(new ProductSearchDto("sofa verde", "Madrid", [GreenSofa(searches++ == 0 ? 1 : 0)], [])));
        Http.OnJson(HttpMethod.Post, Routes.ConversationReservations(ConversationId), Held(), HttpStatusCode.Created);
        var cut = RenderPanel();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".commerce-orders-none")), Wait);

        await SearchAsync(cut, "sofa verde");

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".commerce-stock-row").Count), Wait);
        var search = Http.Requests.First(r => r.PathAndQuery.StartsWith(Routes.CommerceProducts, StringComparison.Ordinal));
        Assert.Equal("/api/commerce/products?q=sofa%20verde&limit=20&contactId=105", search.PathAndQuery);
        Assert.Equal("Madrid first", cut.Find(".commerce-city").TextContent.Trim());
        Assert.Equal(["MAD-CENTRO", "VLC-RUZAFA"], cut.FindAll(".commerce-stock-row").Select(e => e.GetAttribute("data-location")));
        // Only where a unit is available can it be reserved.
        var reserve = Assert.Single(cut.FindAll(".commerce-reserve"));
        Assert.Equal("VLC-RUZAFA", reserve.Closest(".commerce-stock-row")!.GetAttribute("data-location"));

        Http.OnJson(HttpMethod.Get, Routes.ConversationReservations(ConversationId), new[] { Held() });
        await cut.InvokeAsync(() => reserve.Click());

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".commerce-reservation")), Wait);
        var posted = Http.Requests.Single(r => r.Method == HttpMethod.Post && r.PathAndQuery == Routes.ConversationReservations(ConversationId));
        var body = JsonSerializer.Deserialize<CreateReservationRequest>(posted.Body!, Inbox.Web.Api.ApiJson.Options)!;
        Assert.Equal(new CreateReservationRequest(11, 3, 1), body);
        // The stock is searched again: the held unit is no longer offered.
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".commerce-reserve")), Wait);
    }

    [Fact]
    public async Task A_lost_race_for_the_last_unit_shows_the_servers_reason()
    {
        NoReservations();
        Http.OnJson(HttpMethod.Get, Routes.ContactOrders(105), new ContactOrdersDto(105, [], [], [], []));
        Http.OnJson(HttpMethod.Get, Routes.CommerceProducts, new ProductSearchDto("sofa verde", null, [GreenSofa()], []));
        Http.On(HttpMethod.Post, Routes.ConversationReservations(ConversationId),
            _ => FakeHttpHandler.Problem(HttpStatusCode.Conflict, "No unit of Sofá Chester 3 plazas is available at Casa Olmo Valencia Ruzafa"));
        RenderDialogHost();
        var snackbar = Render<MudBlazor.MudSnackbarProvider>();
        var cut = RenderPanel();
        await SearchAsync(cut, "sofa verde");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".commerce-reserve")), Wait);

        await cut.InvokeAsync(() => cut.Find(".commerce-reserve").Click());

        snackbar.WaitForAssertion(() => Assert.Contains("No unit of Sofá Chester 3 plazas is available", snackbar.Markup), Wait);
        Assert.Empty(cut.FindAll(".commerce-reservation"));
    }

    [Fact]
    public async Task Send_to_customer_drops_the_servers_stock_summary_into_this_conversations_composer()
    {
        NoReservations();
        Http.OnJson(HttpMethod.Get, Routes.ContactOrders(105), new ContactOrdersDto(105, [], [], [], []));
        Http.OnJson(HttpMethod.Get, Routes.CommerceProducts, new ProductSearchDto("sofa verde", "Madrid", [GreenSofa()], []));
        Http.OnJson(HttpMethod.Post, Routes.CommerceSummary, new CommerceSummaryDto("Sofá Chester 3 plazas (verde)\nAvailable at:\n- Valencia: 1 unit"));
        var composer = RenderComposer();
        await composer.InvokeAsync(() => composer.Find("textarea").Input("Hi Lucía!"));
        var cut = RenderPanel();
        await SearchAsync(cut, "sofa verde");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".commerce-product-send")), Wait);

        await cut.InvokeAsync(() => cut.Find(".commerce-product-send").Click());

        composer.WaitForAssertion(() => Assert.Equal("Hi Lucía!\n\nSofá Chester 3 plazas (verde)\nAvailable at:\n- Valencia: 1 unit",
            composer.Find("textarea").GetAttribute("value")), Wait);
        var asked = Http.Requests.Single(r => r.PathAndQuery == Routes.CommerceSummary);
        Assert.Equal(new CommerceSummaryRequest(11, null, "en", "Madrid"), JsonSerializer.Deserialize<CommerceSummaryRequest>(asked.Body!, Inbox.Web.Api.ApiJson.Options));
    }

    [Fact]
    public async Task A_shops_product_cannot_be_reserved_but_is_sent_by_its_source_and_sku()
    {
        NoReservations();
        Http.OnJson(HttpMethod.Get, Routes.ContactOrders(105), new ContactOrdersDto(105, [], [], [], []));
        var online = new StockDto(0, "WOO-ONLINE", "Online shop", LocationKind.Warehouse, null, 3, 0, 3);
        Http.OnJson(HttpMethod.Get, Routes.CommerceProducts, new ProductSearchDto("chester", null,
            [GreenSofa() with { Id = 7001, Sku = "CHESTER-VERDE", Source = "woocommerce", Stock = [online] }], []));
        Http.OnJson(HttpMethod.Post, Routes.CommerceSummary, new CommerceSummaryDto("Sofá Chester 3 plazas (verde)\nAvailable at:\n- Online shop: 3 units"));
        var composer = RenderComposer();
        var cut = RenderPanel();
        await SearchAsync(cut, "chester");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".commerce-product-send")), Wait);
        Assert.Empty(cut.FindAll(".commerce-reserve"));

        await cut.InvokeAsync(() => cut.Find(".commerce-product-send").Click());

        composer.WaitForAssertion(() => Assert.Equal("Sofá Chester 3 plazas (verde)\nAvailable at:\n- Online shop: 3 units",
            composer.Find("textarea").GetAttribute("value")), Wait);
        var asked = Http.Requests.Single(r => r.PathAndQuery == Routes.CommerceSummary);
        Assert.Equal(new CommerceSummaryRequest(null, null, "en", null, "woocommerce", "CHESTER-VERDE"),
            JsonSerializer.Deserialize<CommerceSummaryRequest>(asked.Body!, Inbox.Web.Api.ApiJson.Options));
    }

    [Fact]
    public void A_reservation_changed_at_the_branch_updates_live()
    {
        Http.OnJson(HttpMethod.Get, Routes.ConversationReservations(ConversationId), new[] { Held() });
        Http.OnJson(HttpMethod.Get, Routes.ContactOrders(105), new ContactOrdersDto(105, [], [], [], []));
        var cut = RenderPanel();
        cut.WaitForAssertion(() => Assert.Equal("Held", cut.Find(".commerce-reservation .reservation-status").GetAttribute("data-status")), Wait);
        Assert.Single(cut.FindAll(".commerce-reservation-release"));

        Live.OnReservationChanged(1, Held() with { Status = ReservationStatus.PickedUp, ClosedAt = Fixtures.T0.AddHours(3) });

        cut.WaitForAssertion(() => Assert.Equal("PickedUp", cut.Find(".commerce-reservation .reservation-status").GetAttribute("data-status")), Wait);
        Assert.Empty(cut.FindAll(".commerce-reservation-release"));
    }
}
