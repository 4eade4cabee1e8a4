using System.Globalization;

namespace Inbox.Connectors.WebChat;

/// <summary>
/// Opening hours of a website's chat, written as the admin reads them: <c>mon-fri 09:00-18:00; sat 10:00-14:00</c>
/// (days <c>mon</c>..<c>sun</c>, a range or a comma list, 24 h times, an end of <c>24:00</c> for midnight). Empty means always open.
/// Times are in the channel's time zone (an IANA id such as <c>Europe/Madrid</c>).
/// </summary>
public sealed class BusinessHours
{
    private static readonly string[] Days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
    private readonly List<(DayOfWeek Day, TimeSpan From, TimeSpan To)> _slots;
    private readonly TimeZoneInfo _zone;

    private BusinessHours(List<(DayOfWeek, TimeSpan, TimeSpan)> slots, TimeZoneInfo zone)
    {
        _slots = slots;
        _zone = zone;
    }

    public static readonly BusinessHours Always = new([], TimeZoneInfo.Utc);

    public bool IsAlwaysOpen => _slots.Count == 0;

    public bool IsOpen(DateTimeOffset now)
    {
        if (IsAlwaysOpen) return true;
        var local = TimeZoneInfo.ConvertTime(now, _zone);
        return _slots.Any(s => s.Day == local.DayOfWeek && local.TimeOfDay >= s.From && local.TimeOfDay < s.To);
    }

    public static bool TryParse(string? text, string? timeZone, out BusinessHours hours, out string problem)
    {
        hours = Always;
        problem = "";
        var zone = TimeZoneInfo.Utc;
        if (!string.IsNullOrWhiteSpace(timeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone.Trim(), out zone!))
        {
            problem = $"Unknown time zone '{timeZone}'.";
            return false;
        }
        if (string.IsNullOrWhiteSpace(text)) return true;
        var slots = new List<(DayOfWeek, TimeSpan, TimeSpan)>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (pieces.Length != 2 || !TryDays(pieces[0], out var days) || !TryRange(pieces[1], out var from, out var to))
            {
                problem = $"'{part}' is not like 'mon-fri 09:00-18:00'.";
                return false;
            }
            slots.AddRange(days.Select(d => (d, from, to)));
        }
        hours = new BusinessHours(slots, zone);
        return true;
    }

    private static bool TryDays(string text, out List<DayOfWeek> days)
    {
        days = [];
        foreach (var item in text.ToLowerInvariant().Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var range = item.Split('-');
            var first = Array.IndexOf(Days, range[0]);
            var last = range.Length == 2 ? Array.IndexOf(Days, range[1]) : first;
            if (range.Length > 2 || first < 0 || last < 0) return false;
            for (var d = first; ; d = (d + 1) % 7)
            {
                days.Add((DayOfWeek)d);
                if (d == last) break;
            }
        }
        return days.Count > 0;
    }

    private static bool TryRange(string text, out TimeSpan from, out TimeSpan to)
    {
        from = to = default;
        var range = text.Split('-');
        return range.Length == 2 && TryTime(range[0], out from) && TryTime(range[1], out to) && from < to;
    }

    private static bool TryTime(string text, out TimeSpan time)
    {
        time = default;
        if (text.Trim() == "24:00") { time = TimeSpan.FromHours(24); return true; }
        return TimeSpan.TryParseExact(text.Trim(), @"hh\:mm", CultureInfo.InvariantCulture, out time);
    }
}
