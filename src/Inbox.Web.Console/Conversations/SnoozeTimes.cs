namespace Inbox.Web.Conversations;

public static class SnoozeTimes
{
    /// <summary>1 h from now; tomorrow 09:00; next Monday 09:00 (a week on if today is Monday).</summary>
    public static DateTimeOffset Until(SnoozeOption option, DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        DateTime wake = option switch
        {
            SnoozeOption.OneHour => local.DateTime.AddHours(1),
            SnoozeOption.Tomorrow => local.Date.AddDays(1).AddHours(9),
            _ => local.Date.AddDays(DaysUntilNextMonday(local.DayOfWeek)).AddHours(9),
        };
        if (option == SnoozeOption.OneHour)
        {
            return now.AddHours(1);
        }
        return new DateTimeOffset(wake, zone.GetUtcOffset(wake));
    }

    private static int DaysUntilNextMonday(DayOfWeek day)
    {
        var days = ((int)DayOfWeek.Monday - (int)day + 7) % 7;
        return days == 0 ? 7 : days;
    }
}
