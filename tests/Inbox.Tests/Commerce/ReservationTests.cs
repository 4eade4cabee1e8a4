using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Commerce;

/// <summary>Reserve for pickup: the units are held at the branch, the branch sees it, staff close it, and every change
/// is in the conversation's events and pushed live.</summary>
public sealed class ReservationTests(SharedInbox shared) : SharedInboxTest(shared)
{
    private async Task<ApiInboundAccepted> CustomerAsync(string text = "¿Tenéis el sofá verde de terciopelo?") =>
        await App.PushAcceptedAsync(Channel, $"r-{Guid.NewGuid():N}", $"+346{Random.Shared.Next(10_000_000, 99_999_999)}", text, name: "Lucía Martín");

    [Fact]
    public async Task An_agent_reserves_the_sofa_at_another_branch_and_the_units_are_held_there()
    {
        var catalogue = await Admin.ImportSofaAsync(madrid: 0, valencia: 1);
        var customer = await CustomerAsync();
        await using var live = await App.ConnectAgentAsync(AdminToken);

        var response = await Admin.ReserveAsync(customer.ConversationId, catalogue.Sofa.Id, catalogue.Valencia.Id);

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var reservation = (await response.Content.ReadFromJsonAsync<ReservationDto>())!;
        Assert.Equal(Routes.Reservation(reservation.Id), response.Headers.Location?.OriginalString);
        Assert.Equal((ReservationStatus.Held, 1, catalogue.Valencia.Id, customer.ConversationId, customer.ContactId, "Lucía Martín"),
            (reservation.Status, reservation.Quantity, reservation.LocationId, reservation.ConversationId, reservation.ContactId, reservation.ContactName));
        Assert.Equal(TimeSpan.FromHours(48), reservation.ExpiresAt - reservation.CreatedAt);
        var stock = await Admin.StockAtAsync(catalogue.Sofa.Id, catalogue.Valencia.Id);
        Assert.Equal((1, 1, 0), (stock.OnHand, stock.Reserved, stock.Available));
        var pushed = await live.WaitForAsync<ReservationDto>(nameof(IAgentClient.ReservationChanged), r => r.Id == reservation.Id);
        Assert.Equal(ReservationStatus.Held, pushed.Status);
        var listed = await Admin.GetJsonAsync<List<ReservationDto>>(Routes.ConversationReservations(customer.ConversationId));
        Assert.Equal([reservation.Id], listed.Select(r => r.Id));
    }

    [Fact]
    public async Task Reserving_where_there_is_none_is_a_409_that_says_why()
    {
        var catalogue = await Admin.ImportSofaAsync(madrid: 0, valencia: 1);
        var customer = await CustomerAsync();

        var none = await Admin.ReserveAsync(customer.ConversationId, catalogue.Sofa.Id, catalogue.Madrid.Id);
        var tooMany = await Admin.ReserveAsync(customer.ConversationId, catalogue.Sofa.Id, catalogue.Valencia.Id, quantity: 2);
        var zero = await Admin.ReserveAsync(customer.ConversationId, catalogue.Sofa.Id, catalogue.Valencia.Id, quantity: 0);

        Assert.Contains("No unit of", await none.AssertStatusAsync(HttpStatusCode.Conflict));
        Assert.Contains("Only 1 of", await tooMany.AssertStatusAsync(HttpStatusCode.Conflict));
        await zero.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, (await Admin.StockAtAsync(catalogue.Sofa.Id, catalogue.Valencia.Id)).Reserved);
    }

    [Fact]
    public async Task Twenty_agents_reserving_the_last_unit_at_once_leave_exactly_one_winner()
    {
        var catalogue = await Admin.ImportSofaAsync(madrid: 0, valencia: 1);
        var customers = new List<ApiInboundAccepted>();
        for (var i = 0; i < 20; i++) customers.Add(await CustomerAsync());
        using var start = new SemaphoreSlim(0);

        var attempts = customers.Select(async c =>
        {
            await start.WaitAsync();
            return await Admin.ReserveAsync(c.ConversationId, catalogue.Sofa.Id, catalogue.Valencia.Id);
        }).ToList();
        start.Release(20);
        var responses = await Task.WhenAll(attempts);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(19, refused.Count);
        foreach (var r in refused) Assert.Contains("Someone else may have reserved the last one", await r.AssertStatusAsync(HttpStatusCode.Conflict));
        var stock = await Admin.StockAtAsync(catalogue.Sofa.Id, catalogue.Valencia.Id);
        Assert.Equal((1, 1, 0), (stock.OnHand, stock.Reserved, stock.Available));
        await using var db = App.OpenDatabase();
        Assert.Equal(1, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM commerce_reservations WHERE product_id = @Id", new { catalogue.Sofa.Id }));
    }

    [Fact]
    public async Task Staff_mark_it_picked_up_and_the_unit_leaves_the_shop_once()
    {
        var catalogue = await Admin.ImportSofaAsync(madrid: 0, valencia: 2);
        var customer = await CustomerAsync();
        var staff = await App.CreateAgentAsync(Admin, $"valencia-{Guid.NewGuid():N}@shop.test");
        var reservation = await (await Admin.ReserveAsync(customer.ConversationId, catalogue.Sofa.Id, catalogue.Valencia.Id)).ReadJsonOrDumpAsync<ReservationDto>();

        var picked = await staff.Client.PostJsonAsync<ReservationDto>(Routes.ReservationPickup(reservation.Id), new { });
        var again = await staff.Client.PostAsync(Routes.ReservationRelease(reservation.Id), null);

        Assert.Equal((ReservationStatus.PickedUp, staff.Id), (picked.Status, picked.ClosedBy));
        Assert.NotNull(picked.ClosedAt);
        Assert.Contains("already picked up", await again.AssertStatusAsync(HttpStatusCode.Conflict));
        var stock = await Admin.StockAtAsync(catalogue.Sofa.Id, catalogue.Valencia.Id);
        Assert.Equal((1, 0, 1), (stock.OnHand, stock.Reserved, stock.Available));
    }

    [Fact]
    public async Task A_released_reservation_puts_the_unit_back_on_sale_and_each_change_is_an_event_of_the_conversation()
    {
        var catalogue = await Admin.ImportSofaAsync(madrid: 0, valencia: 1);
        var customer = await CustomerAsync();
        var me = await Admin.GetJsonAsync<UserDto>(Routes.Me);
        await using var live = await App.ConnectAgentAsync(AdminToken);
        var before = await live.EventsSinceAsync(0);
        var reservation = await (await Admin.ReserveAsync(customer.ConversationId, catalogue.Sofa.Id, catalogue.Valencia.Id)).ReadJsonOrDumpAsync<ReservationDto>();

        var released = await Admin.PostJsonAsync<ReservationDto>(Routes.ReservationRelease(reservation.Id), new { });

        Assert.Equal(ReservationStatus.Released, released.Status);
        Assert.Equal(1, (await Admin.StockAtAsync(catalogue.Sofa.Id, catalogue.Valencia.Id)).Available);
        await live.WaitForAsync<ReservationDto>(nameof(IAgentClient.ReservationChanged), r => r.Id == reservation.Id && r.Status == ReservationStatus.Released);
        await using var db = App.OpenDatabase();
        var rows = (await db.QueryAsync<(string Type, long? ActorId, string Data)>(
            "SELECT type, actor_id, data FROM conversation_events WHERE conversation_id = @Id AND type LIKE 'reservation.%' ORDER BY id", new { Id = customer.ConversationId })).ToList();
        Assert.Equal([EventTypes.ReservationHeld, EventTypes.ReservationReleased], rows.Select(r => r.Type));
        Assert.All(rows, r => Assert.Equal(me.Id, r.ActorId));
        using var data = JsonDocument.Parse(rows[1].Data);
        Assert.Equal((reservation.Id, catalogue.Valencia.Id, "released"),
            (data.RootElement.GetProperty("reservationId").GetInt64(), data.RootElement.GetProperty("locationId").GetInt64(), data.RootElement.GetProperty("status").GetString()));
        // A reconnecting console replays both as the reservation as it is now.
        var replayed = (await live.EventsSinceAsync(before.Count == 0 ? 0 : before[^1].EventId)).Where(e => e.Type == AgentEventTypes.ReservationChanged && e.ConversationId == customer.ConversationId).ToList();
        Assert.Equal(2, replayed.Count);
        Assert.All(replayed, e => Assert.Equal("released", e.Payload.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task The_branch_view_lists_what_to_keep_aside_with_who_what_until_when_and_the_conversation()
    {
        var catalogue = await Admin.ImportSofaAsync(madrid: 1, valencia: 3);
        var first = await CustomerAsync();
        var second = await CustomerAsync();
        var held = await (await Admin.ReserveAsync(first.ConversationId, catalogue.Sofa.Id, catalogue.Valencia.Id, 2)).ReadJsonOrDumpAsync<ReservationDto>();
        var picked = await (await Admin.ReserveAsync(second.ConversationId, catalogue.Sofa.Id, catalogue.Valencia.Id)).ReadJsonOrDumpAsync<ReservationDto>();
        await (await Admin.ReserveAsync(second.ConversationId, catalogue.Sofa.Id, catalogue.Madrid.Id)).ReadJsonOrDumpAsync<ReservationDto>();
        (await Admin.PostAsync(Routes.ReservationPickup(picked.Id), null)).EnsureSuccessOrDump();
        var agent = await App.CreateAgentAsync(Admin, $"branch-{Guid.NewGuid():N}@shop.test");

        var branch = await agent.Client.GetJsonAsync<BranchReservationsDto>(Routes.LocationReservations(catalogue.Valencia.Id));

        Assert.Equal(catalogue.Valencia.ContactEmail, branch.Location.ContactEmail);
        Assert.Equal([held.Id, picked.Id], branch.Reservations.Select(r => r.Id));
        var first_ = branch.Reservations[0];
        Assert.Equal((ReservationStatus.Held, 2, "Lucía Martín", first.ConversationId, catalogue.SofaSku, held.ExpiresAt),
            (first_.Status, first_.Quantity, first_.ContactName, first_.ConversationId, first_.Sku, first_.ExpiresAt));
        Assert.Equal(ReservationStatus.PickedUp, branch.Reservations[1].Status);
        await (await agent.Client.GetAsync(Routes.LocationReservations(-1))).AssertStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_agent_cannot_reserve_on_a_conversation_they_cannot_see()
    {
        var catalogue = await Admin.ImportSofaAsync(madrid: 0, valencia: 1);
        var customer = await CustomerAsync();
        var team = await Admin.CreateTeamAsync($"Tienda {Guid.NewGuid():N}");
        await Admin.AssignAsync(customer.ConversationId, null, team.Id);
        var outsider = await App.CreateAgentAsync(Admin, $"outsider-{Guid.NewGuid():N}@shop.test");

        var response = await outsider.Client.ReserveAsync(customer.ConversationId, catalogue.Sofa.Id, catalogue.Valencia.Id);

        await response.AssertStatusAsync(HttpStatusCode.NotFound);
        Assert.Equal(1, (await Admin.StockAtAsync(catalogue.Sofa.Id, catalogue.Valencia.Id)).Available);
    }

    [Fact]
    public async Task Stock_cannot_be_counted_below_what_is_reserved()
    {
        var catalogue = await Admin.ImportSofaAsync(madrid: 0, valencia: 1);
        var customer = await CustomerAsync();
        (await Admin.ReserveAsync(customer.ConversationId, catalogue.Sofa.Id, catalogue.Valencia.Id)).EnsureSuccessOrDump();

        var recount = await Admin.PostAsJsonAsync(Routes.CommerceImport, new CatalogueImportRequest(Stock: [new(catalogue.SofaSku, catalogue.Valencia.Code, 0)]));

        Assert.Contains("fewer than the units reserved", await recount.AssertStatusAsync(HttpStatusCode.BadRequest));
        var stock = await Admin.StockAtAsync(catalogue.Sofa.Id, catalogue.Valencia.Id);
        Assert.Equal((1, 1), (stock.OnHand, stock.Reserved));
    }

    [Fact]
    public async Task Branch_staff_see_and_work_only_their_own_branch()
    {
        var catalogue = await Admin.ImportSofaAsync(madrid: 1, valencia: 1);
        var customer = await CustomerAsync();
        var inValencia = await (await Admin.ReserveAsync(customer.ConversationId, catalogue.Sofa.Id, catalogue.Valencia.Id)).ReadJsonOrDumpAsync<ReservationDto>();
        var inMadrid = await (await Admin.ReserveAsync(customer.ConversationId, catalogue.Sofa.Id, catalogue.Madrid.Id)).ReadJsonOrDumpAsync<ReservationDto>();
        var valenciaStaff = await App.CreateAgentAsync(Admin, $"tienda-vlc-{Guid.NewGuid():N}@shop.test");
        var customerService = await App.CreateAgentAsync(Admin, $"atencion-{Guid.NewGuid():N}@shop.test");
        var staff = await (await Admin.PutAsJsonAsync(Routes.LocationStaff(catalogue.Valencia.Id), new LocationStaffRequest([valenciaStaff.Id]))).ReadJsonOrDumpAsync<LocationStaffDto>();

        var ownBranch = await valenciaStaff.Client.GetAsync(Routes.LocationReservations(catalogue.Valencia.Id));
        var otherBranch = await valenciaStaff.Client.GetAsync(Routes.LocationReservations(catalogue.Madrid.Id));
        var otherPickup = await valenciaStaff.Client.PostAsync(Routes.ReservationPickup(inMadrid.Id), null);
        var ownPickup = await valenciaStaff.Client.PostAsync(Routes.ReservationPickup(inValencia.Id), null);
        var anyBranch = await customerService.Client.GetAsync(Routes.LocationReservations(catalogue.Madrid.Id));
        var otherOne = await valenciaStaff.Client.GetAsync(Routes.Reservation(inMadrid.Id));
        var ownOne = await valenciaStaff.Client.GetFromJsonAsync<ReservationDto>(Routes.Reservation(inValencia.Id));
        var staffBranches = await valenciaStaff.Client.GetFromJsonAsync<List<LocationDto>>(Routes.CommerceBranches);
        var serviceBranches = await customerService.Client.GetFromJsonAsync<List<LocationDto>>(Routes.CommerceBranches);
        var notAdmin = await valenciaStaff.Client.PutAsJsonAsync(Routes.LocationStaff(catalogue.Madrid.Id), new LocationStaffRequest([valenciaStaff.Id]));

        Assert.Equal([valenciaStaff.Id], staff.UserIds);
        ownBranch.EnsureSuccessOrDump();
        Assert.Contains("their own branches", await otherBranch.AssertStatusAsync(HttpStatusCode.Forbidden));
        Assert.Contains("held at another branch", await otherPickup.AssertStatusAsync(HttpStatusCode.Forbidden));
        Assert.Equal(ReservationStatus.PickedUp, (await ownPickup.ReadJsonOrDumpAsync<ReservationDto>()).Status);
        anyBranch.EnsureSuccessOrDump();
        await otherOne.AssertStatusAsync(HttpStatusCode.NotFound); // another branch's reservation is as good as absent
        Assert.Equal(inValencia.Id, ownOne!.Id);
        Assert.Equal([catalogue.Valencia.Id], staffBranches!.Select(l => l.Id));
        Assert.Contains(catalogue.Madrid.Id, serviceBranches!.Select(l => l.Id));
        Assert.Contains(catalogue.Valencia.Id, serviceBranches!.Select(l => l.Id));
        await notAdmin.AssertStatusAsync(HttpStatusCode.Forbidden);
        Assert.Equal(1, (await Admin.StockAtAsync(catalogue.Sofa.Id, catalogue.Madrid.Id)).Reserved);
    }

    [Fact]
    public async Task A_contact_merge_brings_the_reservation_into_the_surviving_thread()
    {
        var catalogue = await Admin.ImportSofaAsync(madrid: 0, valencia: 1);
        var byPhone = await CustomerAsync();
        var byEmail = await App.PushAcceptedAsync(Channel, $"r-{Guid.NewGuid():N}", $"lucia-{Guid.NewGuid():N}@shop.test", "Soy Lucía, os escribí por WhatsApp", kind: "email");
        var reservation = await (await Admin.ReserveAsync(byEmail.ConversationId, catalogue.Sofa.Id, catalogue.Valencia.Id)).ReadJsonOrDumpAsync<ReservationDto>();

        (await Admin.PostAsJsonAsync(Routes.ContactMerge(byPhone.ContactId), new MergeContactsRequest(byEmail.ContactId))).EnsureSuccessOrDump();

        var moved = await Admin.GetJsonAsync<ReservationDto>(Routes.Reservation(reservation.Id));
        Assert.Equal((byPhone.ContactId, byPhone.ConversationId), (moved.ContactId, moved.ConversationId));
        Assert.Equal([reservation.Id], (await Admin.GetJsonAsync<List<ReservationDto>>(Routes.ConversationReservations(byPhone.ConversationId))).Select(r => r.Id));
    }
}
