using Dapper;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Tests.Commerce;

/// <summary>A hold runs out by itself: on a clock the test moves, the units go back on sale and the thread records it.</summary>
public sealed class ReservationExpiryTests
{
    [Fact]
    public async Task An_unclaimed_reservation_expires_when_its_hold_runs_out_and_gives_the_unit_back()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new InboxAppFactory(time: clock, settings: new() { ["Inbox:Commerce:ReservationHold"] = "02:00:00" });
        var admin = await app.AdminClientAsync();
        var channel = await app.CreateApiChannelAsync(admin);
        var catalogue = await admin.ImportSofaAsync(madrid: 0, valencia: 1);
        var customer = await app.PushAcceptedAsync(channel, "x-1", "+34600900001", "Resérvamelo, paso el sábado");
        var reservation = await (await admin.ReserveAsync(customer.ConversationId, catalogue.Sofa.Id, catalogue.Valencia.Id)).ReadJsonOrDumpAsync<ReservationDto>();
        await using var live = await app.ConnectAgentAsync(await app.AdminTokenAsync());

        clock.Advance(TimeSpan.FromMinutes(119));
        var stillHeld = await admin.GetJsonAsync<ReservationDto>(Routes.Reservation(reservation.Id));
        clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(ReservationStatus.Held, stillHeld.Status);
        var expired = await live.WaitForAsync<ReservationDto>(nameof(IAgentClient.ReservationChanged), r => r.Id == reservation.Id && r.Status == ReservationStatus.Expired);
        Assert.Null(expired.ClosedBy);
        var stock = await admin.StockAtAsync(catalogue.Sofa.Id, catalogue.Valencia.Id);
        Assert.Equal((1, 0, 1), (stock.OnHand, stock.Reserved, stock.Available));
        await using var db = app.OpenDatabase();
        var type = await db.ExecuteScalarAsync<string>(
            "SELECT type FROM conversation_events WHERE conversation_id = @Id ORDER BY id DESC LIMIT 1", new { Id = customer.ConversationId });
        Assert.Equal(EventTypes.ReservationExpired, type);
        // Another customer can now take it.
        var next = await app.PushAcceptedAsync(channel, "x-2", "+34600900002", "¿Sigue el sofá verde?");
        (await admin.ReserveAsync(next.ConversationId, catalogue.Sofa.Id, catalogue.Valencia.Id)).EnsureSuccessOrDump();
    }
}
