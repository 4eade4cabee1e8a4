using Inbox.Server.Contacts;

namespace Inbox.Tests.Contacts;

/// <summary>The customer's local time comes from where their phone numbers are.</summary>
public sealed class ContactTimeZonesTests
{
    [Theory]
    [InlineData("+34915550101", "Europe/Madrid")]
    [InlineData("+34922555010", "Atlantic/Canary")]
    [InlineData("+525555501010", "America/Mexico_City")]
    public void A_landline_gives_its_zone(string phone, string zone) => Assert.Equal([zone], ContactTimeZones.Of([phone]));

    [Fact]
    public void Several_numbers_give_each_zone_once_and_junk_gives_none()
    {
        Assert.Equal(["Europe/Madrid", "Atlantic/Canary"], ContactTimeZones.Of(["+34915550101", "+34915550102", "+34922555010", "not a phone"]));
        Assert.Empty(ContactTimeZones.Of(["12", ""]));
    }
}
