using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Commerce;

/// <summary>The demo retailer seeded at start-up, and the "send to customer" texts written from it.</summary>
public sealed class CommerceDemoTests
{
    [Fact]
    public async Task The_demo_retailer_has_the_green_velvet_sofa_only_in_Valencia_and_replies_describe_it()
    {
        await using var app = new InboxAppFactory(settings: new() { ["Inbox:Commerce:SeedDemo"] = "true" });
        var admin = await app.AdminClientAsync();
        var channel = await app.CreateApiChannelAsync(admin);

        var locations = await admin.GetJsonAsync<List<LocationDto>>(Routes.CommerceLocations);
        var search = await admin.GetJsonAsync<ProductSearchDto>($"{Routes.CommerceProducts}?q={Uri.EscapeDataString("sofá verde terciopelo")}&city=Madrid");

        Assert.Equal(["Barcelona", "Madrid", "Sevilla", "Valencia", "Zaragoza"], locations.Select(l => l.City).Order());
        var sofa = Assert.Single(search.Products);
        Assert.Equal("SOF-CHES3-VERDE", sofa.Sku);
        Assert.Equal("Madrid", sofa.Stock[0].City);
        Assert.Equal(["Valencia"], sofa.Stock.Where(s => s.Available > 0).Select(s => s.City));

        // Lucía writes by WhatsApp/SMS from the phone her in-shop order carries; her web order (by email) shows once she gives it.
        var customer = await app.PushAcceptedAsync(channel, "demo-1", "+34612345678", "Hola, ¿tenéis el sofá Chester en verde? En la web solo sale en azul");
        var byPhone = await admin.GetJsonAsync<ContactOrdersDto>(Routes.ContactOrders(customer.ContactId));
        (await admin.PatchAsJsonAsync(Routes.Contact(customer.ContactId), new UpdateContactRequest(null, "Lucia.Martin@example.com", null, null))).EnsureSuccessOrDump();
        var both = await admin.GetJsonAsync<ContactOrdersDto>(Routes.ContactOrders(customer.ContactId));
        Assert.Equal(["CO-10102"], byPhone.Orders.Select(o => o.Number));
        Assert.Equal(["CO-10231", "CO-10102"], both.Orders.Select(o => o.Number));

        var valencia = sofa.Stock.Single(s => s.City == "Valencia").LocationId;
        var beforeReserving = await admin.PostJsonAsync<CommerceSummaryDto>(Routes.CommerceSummary, new CommerceSummaryRequest(ProductId: sofa.Id, Language: "es"));
        Assert.Equal("""
            Sofá Chester 3 plazas (verde, terciopelo) · 1.290,00 € · SKU SOF-CHES3-VERDE
            Disponible en:
            - Casa Olmo Valencia Ruzafa: 1 unidad
            ¿Quieres que te lo reservemos para recogerlo en tienda?
            """.ReplaceLineEndings("\n"), beforeReserving.Text.ReplaceLineEndings("\n"));
        var reservation = await (await admin.PostAsJsonAsync(Routes.ConversationReservations(customer.ConversationId), new CreateReservationRequest(sofa.Id, valencia)))
            .ReadJsonOrDumpAsync<ReservationDto>();
        var productText = await admin.PostJsonAsync<CommerceSummaryDto>(Routes.CommerceSummary, new CommerceSummaryRequest(ProductId: sofa.Id, Language: "es"));
        var confirmation = await admin.PostJsonAsync<CommerceSummaryDto>(Routes.CommerceSummary, new CommerceSummaryRequest(ReservationId: reservation.Id, Language: "en"));
        var neither = await admin.PostAsJsonAsync(Routes.CommerceSummary, new CommerceSummaryRequest(Language: "fr"));

        // Reserved now, so no unit is left anywhere.
        Assert.Contains("Sofá Chester 3 plazas (verde, terciopelo)", productText.Text);
        Assert.Contains("1.290,00 €", productText.Text);
        Assert.Contains("no nos queda ninguno", productText.Text);
        Assert.Contains("We have reserved 1 × Sofá Chester 3 plazas for you at Casa Olmo Valencia Ruzafa, Carrer de Sueca 12, 46006 Valencia", confirmation.Text);
        Assert.Contains("Opening hours: L-S 10:00-21:00", confirmation.Text);
        Assert.Contains($"Reservation reference: {reservation.Id}.", confirmation.Text);
        await neither.AssertStatusAsync(HttpStatusCode.BadRequest);

        // The confirmation goes to her as a reply on the channel she wrote on.
        var sent = await admin.PostAsJsonAsync(Routes.ReservationSend(reservation.Id), new SendReservationRequest("es"));
        var message = await sent.ReadJsonOrDumpAsync<MessageDto>();
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.Equal((customer.ConversationId, MessageDirection.Outbound, channel.Id), (message.ConversationId, message.Direction, message.ChannelId));
        Assert.StartsWith("¡Listo! Te hemos reservado 1 × Sofá Chester 3 plazas en Casa Olmo Valencia Ruzafa", message.Text);
        Assert.Contains("Puedes recogerlo hasta el", message.Text);
    }
}
