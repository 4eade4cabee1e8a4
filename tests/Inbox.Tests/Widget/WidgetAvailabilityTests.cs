using System.Net;
using System.Net.Http.Json;
using Inbox.Connectors.WebChat;
using Inbox.Contracts;
using Inbox.Tests.Infrastructure;

namespace Inbox.Tests.Widget;

/// <summary>Online or not (business hours in the channel's time zone, an agent connected), the offline email, the script
/// itself and the demo page a new install shows.</summary>
public sealed class WidgetAvailabilityTests(SharedInbox shared) : IClassFixture<SharedInbox>
{
    private readonly InboxAppFactory _app = shared.App;

    [Fact]
    public async Task Outside_business_hours_the_widget_is_offline_and_keeps_the_email_the_visitor_leaves()
    {
        await using var agent = await _app.ConnectAgentAsync(shared.AdminToken);
        var tomorrow = DateTimeOffset.UtcNow.AddDays(1).DayOfWeek.ToString()[..3].ToLowerInvariant();
        var created = await shared.Admin.PostJsonAsync<ChannelCreatedDto>(Routes.Channels, new CreateChannelRequest(ChannelTypes.WebChat, $"Closed {Guid.NewGuid():N}", new()
        {
            ["allowedOrigins"] = WidgetSite.ShopOrigin,
            ["businessHours"] = $"{tomorrow} 00:00-24:00",
            ["timeZone"] = "UTC",
        }, null));
        var key = (await shared.Admin.GetJsonAsync<WidgetSnippetDto>(WidgetRoutes.Snippet(created.Channel.Id))).Key;
        var closed = new WebChatChannel(created.Channel.Id, key, "", WidgetSite.ShopOrigin);

        await using var visitor = await _app.OpenWidgetAsync(closed);
        Assert.False(visitor.Session.Config.Online);
        await (await visitor.Http.PostAsJsonAsync(WidgetRoutes.OfflineEmail(key), new WidgetEmailRequest("not an email"))).AssertStatusAsync(HttpStatusCode.BadRequest);
        await (await visitor.Http.PostAsJsonAsync(WidgetRoutes.OfflineEmail(key), new WidgetEmailRequest("Rosa@Shop.test"))).AssertStatusAsync(HttpStatusCode.NoContent);
        await using var again = await _app.OpenWidgetAsync(closed, visitor.Token);
        Assert.Equal("rosa@shop.test", again.Session.Config.OfflineEmail);

        // Always-open hours with an agent connected: online.
        var open = await _app.CreateWebChatAsync(shared.Admin);
        await using var happy = await _app.OpenWidgetAsync(open);
        Assert.True(happy.Session.Config.Online);
    }

    [Theory]
    [InlineData("mon-fri 09:00-18:00", "2026-12-07T08:30:00Z", "Europe/Madrid", true)]   // Monday 09:30 in Madrid
    [InlineData("mon-fri 09:00-18:00", "2026-12-07T07:30:00Z", "Europe/Madrid", false)]  // 08:30 in Madrid
    [InlineData("mon-fri 09:00-18:00", "2026-12-05T12:00:00Z", "UTC", false)]            // Saturday
    [InlineData("sat,sun 10:00-14:00; fri 00:00-24:00", "2026-12-04T23:59:00Z", "UTC", true)]
    [InlineData("", "2026-12-05T03:00:00Z", "UTC", true)]                               // no hours: always open
    public void Business_hours_are_read_in_the_channels_time_zone(string hours, string now, string zone, bool open)
    {
        Assert.True(BusinessHours.TryParse(hours, zone, out var parsed, out var problem), problem);
        Assert.Equal(open, parsed.IsOpen(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("weekdays 9-5", "UTC")]
    [InlineData("mon 18:00-09:00", "UTC")]
    [InlineData("mon 09:00-18:00", "Mars/Olympus")]
    public void Business_hours_that_cannot_be_read_say_why(string hours, string zone)
    {
        Assert.False(BusinessHours.TryParse(hours, zone, out _, out var problem));
        Assert.NotEmpty(problem);
    }

    [Fact]
    public async Task The_script_is_served_small_and_cacheable_and_the_demo_page_embeds_it_on_a_demo_channel()
    {
        using var http = _app.CreateClient();
        var script = await http.GetAsync(WidgetRoutes.Script);
        script.EnsureSuccessOrDump();
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        var bytes = await script.Content.ReadAsByteArrayAsync();
        Assert.Contains("inbox-widget", System.Text.Encoding.UTF8.GetString(bytes));
        using (var gz = new MemoryStream())
        {
            await using (var zip = new System.IO.Compression.GZipStream(gz, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true)) zip.Write(bytes);
            Assert.True(gz.Length <= 30 * 1024, $"widget.js is {gz.Length} bytes gzipped, over the 30 KB budget");
        }
        using var again = new HttpRequestMessage(HttpMethod.Get, WidgetRoutes.Script);
        again.Headers.TryAddWithoutValidation("If-None-Match", script.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(again)).StatusCode);

        var demo = await (await http.GetAsync(WidgetRoutes.Demo)).AssertStatusAsync(HttpStatusCode.OK);
        var key = System.Text.RegularExpressions.Regex.Match(demo, "<script src=\"/widget.js\" data-channel=\"([0-9a-f]+)\"").Groups[1].Value;
        Assert.NotEmpty(key);
        // Same origin as the server: the demo channel lets it in.
        using var sameOrigin = _app.CreateClient();
        sameOrigin.DefaultRequestHeaders.Add("Origin", _app.Server.BaseAddress.GetLeftPart(UriPartial.Authority));
        (await sameOrigin.PostAsJsonAsync(WidgetRoutes.Sessions(key), new WidgetSessionRequest(null))).EnsureSuccessOrDump();
        // A second visit reuses the demo channel.
        Assert.Contains($"data-channel=\"{key}\"", await (await http.GetAsync(WidgetRoutes.Demo)).Content.ReadAsStringAsync());
    }
}
