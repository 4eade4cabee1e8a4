using System.Globalization;
using Inbox.Web.Localization;

namespace Inbox.Web.Tests.Localization;

/// <summary>
/// The browser runs the console without ICU, so its two cultures carry their own formats: they must format every date
/// and number the console shows exactly as ICU does (this test host has ICU).
/// </summary>
public sealed class ConsoleCultureTests
{
    public static TheoryData<string> Names => new() { "es", "en" };

    [Theory]
    [MemberData(nameof(Names))]
    public void Dates_and_times_read_as_with_ICU(string name)
    {
        var ours = ConsoleCulture.For(name);
        var icu = new CultureInfo(name, useUserOverride: false);
        Assert.Equal(name, ours.Name);
        foreach (var when in Enumerable.Range(0, 12).Select(m => new DateTime(2026, m + 1, 1 + (m * 3 % 28), m * 2, 5, 9)))
        {
            foreach (var format in new[] { "d", "D", "t", "T", "f", "F", "g", "G", "M", "Y", "dddd", "ddd", "MMMM", "MMM", "dddd, d MMMM" })
            {
                Assert.Equal(when.ToString(format, icu), when.ToString(format, ours));
            }
        }
        Assert.Equal(icu.DateTimeFormat.FirstDayOfWeek, ours.DateTimeFormat.FirstDayOfWeek);
        Assert.Equal(icu.DateTimeFormat.ShortestDayNames, ours.DateTimeFormat.ShortestDayNames);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Numbers_read_as_with_ICU(string name)
    {
        var ours = ConsoleCulture.For(name);
        var icu = new CultureInfo(name, useUserOverride: false);
        foreach (var value in new[] { 0.5m, 1234.5m, -98765.125m, 1_500_000m })
        {
            foreach (var format in new[] { "N0", "N1", "N2", "0.#", "P0" })
            {
                Assert.Equal(value.ToString(format, icu), value.ToString(format, ours));
            }
        }
    }

    [Fact]
    public void The_cultures_cannot_be_changed_by_whoever_holds_them()
    {
        Assert.True(ConsoleCulture.Spanish.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => ConsoleCulture.Spanish.DateTimeFormat.ShortDatePattern = "yyyy");
    }
}
