using Inbox.Web.Conversations;

namespace Inbox.Web.Tests.Conversations;

public sealed class SnoozeTimesTests
{
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.CreateCustomTimeZone("Test+1", TimeSpan.FromHours(1), "Test+1", "Test+1");

    // Wednesday 2025-03-12 15:30 local (+01:00)
    private static readonly DateTimeOffset Now = new(2025, 3, 12, 15, 30, 0, TimeSpan.FromHours(1));

    [Theory]
    [InlineData(SnoozeOption.OneHour, "2025-03-12T16:30:00+01:00")]
    [InlineData(SnoozeOption.Tomorrow, "2025-03-13T09:00:00+01:00")]
    [InlineData(SnoozeOption.NextWeek, "2025-03-17T09:00:00+01:00")]
    public void Wakes_at_the_expected_local_time(SnoozeOption option, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), SnoozeTimes.Until(option, Now, Madrid));

    [Fact]
    public void Next_week_from_a_monday_is_the_following_monday()
    {
        var monday = new DateTimeOffset(2025, 3, 17, 8, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal(new DateTimeOffset(2025, 3, 24, 9, 0, 0, TimeSpan.FromHours(1)), SnoozeTimes.Until(SnoozeOption.NextWeek, monday, Madrid));
    }
}
