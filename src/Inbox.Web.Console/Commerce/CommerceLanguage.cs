using System.Globalization;

namespace Inbox.Web.Commerce;

/// <summary>The language of texts for the customer: the console's (English or Spanish; Spanish otherwise).</summary>
public static class CommerceLanguage
{
    public static string Of(CultureInfo culture) => Localization.CultureService.Normalize(culture.Name) == "en" ? "en" : "es";
}
