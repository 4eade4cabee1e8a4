using Microsoft.Extensions.Localization;
using Inbox.Web.Localization;

namespace Inbox.Web.Shared;

/// <summary>"now", "5 min", "3 h", "yesterday", then a short date — localised.</summary>
public static class RelativeTime
{
    public static string Format(DateTimeOffset at, DateTimeOffset now, IStringLocalizer<AppStrings> l, System.Globalization.CultureInfo culture)
    {
        var age = now - at;
        if (age < TimeSpan.FromMinutes(1))
        {
            return l["Time.Now"];
        }
        if (age < TimeSpan.FromHours(1))
        {
            return l["Time.Minutes", (int)age.TotalMinutes];
        }
        if (age < TimeSpan.FromHours(24))
        {
            return l["Time.Hours", (int)age.TotalHours];
        }
        var local = at.ToLocalTime();
        if (local.Date == now.ToLocalTime().Date.AddDays(-1))
        {
            return l["Time.Yesterday"];
        }
        return local.ToString(local.Year == now.ToLocalTime().Year ? "d MMM" : "d MMM yyyy", culture);
    }
}
