using System.Net;
using Inbox.Contracts;
using Inbox.Web.Commerce;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests.Commerce;

public sealed class BranchPageTests : ConsoleTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly LocationDto Valencia = new(3, "VLC-RUZAFA", "Casa Olmo Valencia Ruzafa", LocationKind.Shop, "Valencia",
        "Carrer de Sueca 12", "L-S 10:00-21:00", "valencia@casaolmo.example");

    private static ReservationDto Held(long id, long? conversationId = 42) => new(id, ReservationStatus.Held, 11, "SOF-CHES3-VERDE", "Sofá Chester 3 plazas", 3,
        Valencia.Name, 1, 105, "Lucía Martín", conversationId, Fixtures.T0.AddDays(2), Fixtures.T0, 7, null, null);

    [Fact]
    public void Shows_who_what_and_until_when_with_the_conversation_and_marks_a_pickup()
    {
        Http.OnJson(HttpMethod.Get, Routes.LocationReservations(3), new BranchReservationsDto(Valencia, [Held(900)]));
        Http.OnJson(HttpMethod.Post, Routes.ReservationPickup(900), Held(900) with { Status = ReservationStatus.PickedUp });

        var cut = Render<BranchPage>(p => p.Add(x => x.Id, 3L));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".branch-reservation")), Wait);
        Assert.Equal("Casa Olmo Valencia Ruzafa", cut.Find(".branch-name").TextContent.Trim());
        Assert.Equal("Lucía Martín", cut.Find(".branch-who").TextContent.Trim());
        Assert.Contains("1 × Sofá Chester 3 plazas", cut.Find(".branch-what").TextContent);
        Assert.EndsWith("conversations/42", cut.Find(".branch-conversation").GetAttribute("href"));

        cut.Find(".branch-pickup").Click();

        cut.WaitForAssertion(() => Assert.Equal("PickedUp", cut.Find(".branch-reservation .reservation-status").GetAttribute("data-status")), Wait);
        Assert.Empty(cut.FindAll(".branch-pickup"));
        Assert.Contains(Http.Requests, r => r.Method == HttpMethod.Post && r.PathAndQuery == Routes.ReservationPickup(900));
    }

    [Fact]
    public void Staff_of_another_branch_are_told_so()
    {
        Http.On(HttpMethod.Get, Routes.LocationReservations(3), _ => FakeHttpHandler.Problem(HttpStatusCode.Forbidden, "Branch staff see only their own branches."));

        var cut = Render<BranchPage>(p => p.Add(x => x.Id, 3L));

        cut.WaitForAssertion(() => Assert.Contains("You work another branch", cut.Find(".branch-error").TextContent), Wait);
        Assert.Empty(cut.FindAll(".branch-reservation"));
    }

    [Fact]
    public void A_reservation_made_by_an_agent_appears_live_and_one_of_another_branch_does_not()
    {
        Http.OnJson(HttpMethod.Get, Routes.LocationReservations(3), new BranchReservationsDto(Valencia, []));
        var cut = Render<BranchPage>(p => p.Add(x => x.Id, 3L));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".branch-none")), Wait);

        Live.OnReservationChanged(1, Held(901) with { LocationId = 1 });
        Live.OnReservationChanged(2, Held(902));

        cut.WaitForAssertion(() => Assert.Equal(["902"], cut.FindAll(".branch-reservation").Select(e => e.GetAttribute("data-reservation-id"))), Wait);
    }
}
