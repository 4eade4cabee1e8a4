using Inbox.Web.Contacts;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Web.Tests.Contacts;

public sealed class ContactLocalTimeTests : ConsoleTestContext
{
    [Fact]
    public void Each_zone_shows_its_own_clock_and_no_zone_shows_nothing()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 7, 10, 21, 10, 0, TimeSpan.Zero));

        var cut = Render<ContactLocalTime>(p => p.Add(x => x.TimeZones, ["Europe/Madrid", "Atlantic/Canary"]).Add(x => x.Clock, clock));
        var none = Render<ContactLocalTime>(p => p.Add(x => x.TimeZones, Array.Empty<string>()));

        // Summer: Madrid is UTC+2, the Canaries UTC+1.
        Assert.Contains("11:10 PM (Madrid) · 10:10 PM (Canary)", cut.Find(".contact-local-time").TextContent.Replace('\u202f', ' ').Replace('\u00a0', ' '));
        Assert.Empty(none.FindAll(".contact-local-time"));
    }
}
