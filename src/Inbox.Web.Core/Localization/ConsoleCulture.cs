using System.Globalization;

namespace Inbox.Web.Localization;

/// <summary>
/// The console's two cultures with their own date and number formats. The console ships without ICU
/// (<c>InvariantGlobalization</c> in Inbox.Web.csproj: ~165 KB of brotli less before the sign-in form), where every
/// culture would format like the invariant one; these are ICU's (CLDR's) formats for es and en, so a test run with
/// ICU and the browser without it show the same dates. Compare and sort stay ordinal in the browser.
/// </summary>
public static class ConsoleCulture
{
    public static readonly CultureInfo Spanish = Create("es", SpanishDates(), SpanishNumbers());

    public static readonly CultureInfo English = Create("en", EnglishDates(), EnglishNumbers());

    /// <summary>es or en (anything else is English).</summary>
    public static CultureInfo For(string name) => name == "es" ? Spanish : English;

    private static CultureInfo Create(string name, DateTimeFormatInfo dates, NumberFormatInfo numbers)
    {
        // Without ICU this is a culture named es with invariant data (PredefinedCulturesOnly=false); with ICU, ICU's.
        var culture = new CultureInfo(name, useUserOverride: false)
        {
            DateTimeFormat = DateTimeFormatInfo.ReadOnly(dates),
            NumberFormat = NumberFormatInfo.ReadOnly(numbers),
        };
        return CultureInfo.ReadOnly(culture);
    }

    private static DateTimeFormatInfo SpanishDates()
    {
        string[] months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre", ""];
        string[] shortMonths = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic", ""];
        return new DateTimeFormatInfo
        {
            DayNames = ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
            AbbreviatedDayNames = ["dom", "lun", "mar", "mié", "jue", "vie", "sáb"],
            ShortestDayNames = ["DO", "LU", "MA", "MI", "JU", "VI", "SA"],
            MonthNames = months,
            MonthGenitiveNames = months,
            AbbreviatedMonthNames = shortMonths,
            AbbreviatedMonthGenitiveNames = shortMonths,
            AMDesignator = "a.\u00A0m.",
            PMDesignator = "p.\u00A0m.",
            FirstDayOfWeek = DayOfWeek.Monday,
            CalendarWeekRule = CalendarWeekRule.FirstFourDayWeek,
            ShortDatePattern = "d/M/yyyy",
            LongDatePattern = "dddd, d 'de' MMMM 'de' yyyy",
            ShortTimePattern = "H:mm",
            LongTimePattern = "H:mm:ss",
            FullDateTimePattern = "dddd, d 'de' MMMM 'de' yyyy H:mm:ss",
            MonthDayPattern = "d 'de' MMMM",
            YearMonthPattern = "MMMM 'de' yyyy",
        };
    }

    private static DateTimeFormatInfo EnglishDates() => new()
    {
        // The invariant culture's names are English already.
        FirstDayOfWeek = DayOfWeek.Sunday,
        CalendarWeekRule = CalendarWeekRule.FirstDay,
        ShortDatePattern = "M/d/yyyy",
        LongDatePattern = "dddd, MMMM d, yyyy",
        ShortTimePattern = "h:mm\u202Ftt", // a narrow no-break space, as ICU has it
        LongTimePattern = "h:mm:ss\u202Ftt",
        FullDateTimePattern = "dddd, MMMM d, yyyy h:mm:ss\u202Ftt",
        MonthDayPattern = "MMMM d",
        YearMonthPattern = "MMMM yyyy",
    };

    private static NumberFormatInfo SpanishNumbers() => new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = ".",
        CurrencyDecimalSeparator = ",",
        CurrencyGroupSeparator = ".",
        PercentDecimalSeparator = ",",
        PercentGroupSeparator = ".",
        CurrencyPositivePattern = 3,
        CurrencyNegativePattern = 8,
        PercentPositivePattern = 0,
        PercentNegativePattern = 0,
    };

    private static NumberFormatInfo EnglishNumbers() => new()
    {
        CurrencyPositivePattern = 0,
        CurrencyNegativePattern = 1,
        PercentPositivePattern = 1,
        PercentNegativePattern = 1,
    };
}
