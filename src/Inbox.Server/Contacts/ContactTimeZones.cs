using PhoneNumbers;

namespace Inbox.Server.Contacts;

/// <summary>
/// Where a contact probably is, for "their local time" beside the thread: the time zones of their phone numbers
/// (libphonenumber's map of number ranges). A range spanning several zones (Spanish mobiles: the Peninsula and the
/// Canaries) gives each; a number the map does not place gives none.
/// </summary>
public static class ContactTimeZones
{
    public const int Max = 3;

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();
    private static readonly PhoneNumberToTimeZonesMapper Zones = PhoneNumberToTimeZonesMapper.GetInstance();

    public static IReadOnlyList<string> Of(IEnumerable<string> e164Phones)
    {
        var zones = new List<string>();
        foreach (var phone in e164Phones)
        {
            PhoneNumber number;
            try
            {
                number = Phones.Parse(phone, null);
            }
            catch (NumberParseException)
            {
                continue;
            }
            foreach (var zone in Zones.GetTimeZonesForNumber(number))
                if (zone != Zones.GetUnknownTimeZone() && !zones.Contains(zone) && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
                    zones.Add(zone);
        }
        return zones.Take(Max).ToList();
    }
}
