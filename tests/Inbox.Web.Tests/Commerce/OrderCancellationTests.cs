using System.Net;
using System.Text.Json;
using Inbox.Contracts;
using Inbox.Web.Commerce;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests.Commerce;

/// <summary>"Request cancellation" on a shop's order in the panel: only where the shop can take it, with the reason and
/// the conversation sent along, the server's refusal shown as it said it, and the order's new state loaded.</summary>
public sealed class OrderCancellationTests : ConsoleTestContext
{
    private const long ConversationId = 42;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly ContactDto _contact = Fixtures.Contact(105, "Lucía Martín");

    private static OrderDto Order(string number, string source, OrderStatus status) =>
        new(number, source, status, FulfilmentStatus.Unfulfilled, "Lucía Martín", "lucia@example.com", null,
            [new OrderItemDto("SOF-CHES3-VERDE", "Sofá Chester", 1, 1290m)], 1290m, "EUR", null, null, null, "Valencia", Fixtures.T0);

    private IRenderedComponent<OrderList> RenderOrders() =>
        Render<OrderList>(p => p.Add(x => x.Contact, _contact).Add(x => x.ConversationId, ConversationId));

    private static void Open(IRenderedComponent<OrderList> cut, string number) =>
        cut.Find($".commerce-order[data-order='{number}'] .d-flex").Click();

    [Fact]
    public async Task A_shops_open_order_can_be_cancelled_with_a_reason_and_the_new_status_is_shown()
    {
        var loads = 0;
        Http.On(HttpMethod.Get, Routes.ContactOrders(105), _ => FakeHttpHandler.Json(new ContactOrdersDto(105, ["lucia@example.com"], [],
            [Order("1042", "woocommerce", loads++ == 0 ? OrderStatus.Processing : OrderStatus.Cancelled), Order("CO-1", "inbox", OrderStatus.Processing)], [])));
        Http.OnJson(HttpMethod.Post, Routes.CommerceOrderCancellation, new OrderCancellationDto("woocommerce", "1042", CancellationRule.Status, OrderStatus.Cancelled));
        var snackbar = Render<MudBlazor.MudSnackbarProvider>();
        var cut = RenderOrders();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".commerce-order").Count), Wait);

        Open(cut, "CO-1");
        Assert.Empty(cut.FindAll(".commerce-request-cancellation")); // the built-in catalogue keeps no order workflow
        Open(cut, "1042");
        cut.Find(".commerce-request-cancellation").Click();
        await cut.InvokeAsync(() => cut.Find(".commerce-cancel-reason input").Change("Ha encontrado otro sofá"));
        await cut.InvokeAsync(() => cut.Find(".commerce-cancel-send").Click());

        snackbar.WaitForAssertion(() => Assert.Contains("Order 1042 is now cancelled in the shop.", snackbar.Markup), Wait);
        var posted = Http.Requests.Single(r => r.Method == HttpMethod.Post && r.PathAndQuery == Routes.CommerceOrderCancellation);
        Assert.Equal(new OrderCancellationRequest(105, "woocommerce", "1042", "Ha encontrado otro sofá", ConversationId),
            JsonSerializer.Deserialize<OrderCancellationRequest>(posted.Body!, Inbox.Web.Api.ApiJson.Options));
        cut.WaitForAssertion(() => Assert.Equal("Cancelled", cut.Find(".commerce-order[data-order='1042'] .commerce-order-status").TextContent.Trim()), Wait);
        Open(cut, "1042");
        Assert.Empty(cut.FindAll(".commerce-request-cancellation"));
    }

    [Fact]
    public async Task The_shops_refusal_is_shown_in_spanish_and_the_order_stays_as_it_was()
    {
        Culture.Set("es");
        Http.OnJson(HttpMethod.Get, Routes.ContactOrders(105), new ContactOrdersDto(105, ["lucia@example.com"], [], [Order("1043", "woocommerce", OrderStatus.Completed)], []));
        Http.On(HttpMethod.Post, Routes.CommerceOrderCancellation, _ => FakeHttpHandler.Problem(HttpStatusCode.Conflict,
            "Order 1043 is completed: the shop cancels only pending, processing or on-hold orders; ask the shop's staff."));
        var snackbar = Render<MudBlazor.MudSnackbarProvider>();
        var cut = RenderOrders();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".commerce-order")), Wait);

        Open(cut, "1043");
        Assert.Equal("Solicitar cancelación", cut.Find(".commerce-request-cancellation").TextContent.Trim());
        cut.Find(".commerce-request-cancellation").Click();
        await cut.InvokeAsync(() => cut.Find(".commerce-cancel-send").Click());

        snackbar.WaitForAssertion(() => Assert.Contains("No se pudo solicitar la cancelación", snackbar.Markup), Wait);
        Assert.Contains("only pending, processing or on-hold", snackbar.Markup);
        Assert.Single(cut.FindAll(".commerce-cancel-send")); // still open, to try again or back out
        Assert.Single(Http.Requests, r => r.PathAndQuery == Routes.ContactOrders(105));
    }
}
