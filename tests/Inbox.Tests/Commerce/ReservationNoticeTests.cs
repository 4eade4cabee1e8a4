using System.Globalization;
using System.Net.Http.Json;
using Inbox.Contracts;
using Inbox.Server.Commerce;
using Inbox.Tests.Email;
using Inbox.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Tests.Commerce;

/// <summary>
/// The reservation reaches the shop and the customer: the branch's contact email gets each reservation once (real mail,
/// aiosmtpd into dovecot), and the customer is reminded on their channel before the hold ends, once, in the language
/// they were confirmed in; a reminder the channel cannot take becomes a note for the agents.
/// </summary>
public sealed class ReservationNoticeTests(MailServers servers) : IClassFixture<MailServers>, IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private InboxAppFactory _app = null!;
    private HttpClient _admin = null!;
    private ApiChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _app = new InboxAppFactory(time: _clock, settings: new()
        {
            ["Inbox:Mail:Host"] = "127.0.0.1",
            ["Inbox:Mail:Port"] = servers.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Inbox:Mail:Security"] = "None",
            ["Inbox:Mail:From"] = "no-reply@shop.test",
            ["Inbox:Webhooks:PublicBaseUrl"] = "https://inbox.shop.test",
        });
        _admin = await _app.AdminClientAsync();
        _channel = await _app.CreateApiChannelAsync(_admin);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private ReservationNotices Notices => _app.Services.GetRequiredService<ReservationNotices>();

    private async Task<ApiInboundAccepted> CustomerAsync() =>
        await _app.PushAcceptedAsync(_channel, $"n-{Guid.NewGuid():N}", $"+346{Random.Shared.Next(10_000_000, 99_999_999)}", "¿Me guardáis el sofá verde?", name: "Lucía Martín");

    private async Task<ReservationDto> ReserveAsync(TestCatalogue catalogue, ApiInboundAccepted customer) =>
        await (await _admin.ReserveAsync(customer.ConversationId, catalogue.Sofa.Id, catalogue.Valencia.Id)).ReadJsonOrDumpAsync<ReservationDto>();

    [Fact]
    public async Task The_branch_gets_each_reservation_by_mail_once_with_who_what_until_when_and_its_view()
    {
        var catalogue = await _admin.ImportSofaAsync(valencia: 3);
        var branch = servers.AddUser(catalogue.Valencia.ContactEmail!);
        var first = await ReserveAsync(catalogue, await CustomerAsync());

        await Notices.MailBranchesAsync(default);
        await Notices.MailBranchesAsync(default);
        var second = await ReserveAsync(catalogue, await CustomerAsync());
        await Notices.MailBranchesAsync(default);

        var mails = await Eventually.GetAsync(() => servers.ReadInboxAsync(branch), m => m.Count >= 2);
        var subjects = mails.Select(m => m.Message.Subject!).ToList();
        Assert.Equal(2, subjects.Count);
        Assert.Single(subjects, s => s.StartsWith($"Reserva {first.Id}: 1 × {catalogue.Sofa.Name} hasta ", StringComparison.Ordinal));
        Assert.Single(subjects, s => s.StartsWith($"Reserva {second.Id}: ", StringComparison.Ordinal));
        var body = mails[0].Message.TextBody!;
        Assert.Contains($"1 × {catalogue.Sofa.Name} (SKU {catalogue.SofaSku})", body);
        Assert.Contains("Lucía Martín", body);
        Assert.Contains($"https://inbox.shop.test/branches/{catalogue.Valencia.Id}", body);
        Assert.Equal(0, await Notices.MailBranchesAsync(default));
    }

    [Fact]
    public async Task The_customer_is_reminded_once_before_the_hold_ends_in_the_language_they_were_confirmed_in()
    {
        var catalogue = await _admin.ImportSofaAsync(valencia: 1);
        var customer = await CustomerAsync();
        var reservation = await ReserveAsync(catalogue, customer);
        (await _admin.PostAsJsonAsync(Routes.ReservationSend(reservation.Id), new SendReservationRequest("en"))).EnsureSuccessOrDump();

        Assert.Equal(0, await Notices.RemindCustomersAsync(default)); // 48 h to go: not yet
        _clock.Advance(TimeSpan.FromHours(45));
        await Notices.RemindCustomersAsync(default);
        await Notices.RemindCustomersAsync(default);

        // The node's own round may have taken the reminder first; either way it is written once.
        var thread = await Eventually.GetAsync(() => _admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(customer.ConversationId)),
            t => t.Items.Any(m => m.Text.StartsWith("Reminder", StringComparison.Ordinal)));
        var reminder = Assert.Single(thread.Items, m => m.Text.StartsWith("Reminder: your reservation", StringComparison.Ordinal));
        Assert.Equal((MessageDirection.Outbound, false, _channel.Id), (reminder.Direction, reminder.IsPrivate, reminder.ChannelId));
        Assert.Contains($"1 × {catalogue.Sofa.Name} at {catalogue.Valencia.Name}", reminder.Text);
        Assert.Contains($"Reference: {reservation.Id}", reminder.Text);
    }

    [Fact]
    public async Task A_reminder_the_channel_cannot_take_becomes_a_note_for_the_agents()
    {
        var catalogue = await _admin.ImportSofaAsync(valencia: 1);
        var customer = await CustomerAsync();
        var reservation = await ReserveAsync(catalogue, customer);
        (await _admin.DeleteAsync(Routes.Channel(_channel.Id))).EnsureSuccessOrDump(); // archived: no reply goes out on it

        _clock.Advance(TimeSpan.FromHours(45));
        await Notices.RemindCustomersAsync(default);

        var thread = await Eventually.GetAsync(() => _admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(customer.ConversationId)),
            t => t.Items.Any(m => m.IsPrivate));
        var note = Assert.Single(thread.Items, m => m.IsPrivate);
        Assert.StartsWith($"Reminder for reservation {reservation.Id} not sent:", note.Text);
        Assert.Contains("archived", note.Text);
        Assert.DoesNotContain(thread.Items, m => m.Direction == MessageDirection.Outbound && !m.IsPrivate);
    }
}
