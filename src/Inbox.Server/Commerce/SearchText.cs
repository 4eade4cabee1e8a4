using System.Globalization;
using System.Text;

namespace Inbox.Server.Commerce;

/// <summary>Lower-case, accents removed: "Sofá Terciopelo" and "sofa terciopelo" match, on either database.</summary>
public static class SearchText
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark) folded.Append(char.ToLowerInvariant(ch));
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>The words of a query, folded, at most eight (each one is a LIKE).</summary>
    public static IReadOnlyList<string> Words(string query) =>
        Fold(query).Split([' ', '\t', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().Take(8).ToList();

    /// <summary>A LIKE pattern that finds the word anywhere; %, _ and the escape itself are taken literally.</summary>
    public static string Contains(string word) => "%" + word.Replace("!", "!!").Replace("%", "!%").Replace("_", "!_") + "%";

    public static bool SameCity(string? a, string? b) => !string.IsNullOrWhiteSpace(a) && Fold(a.Trim()) == Fold(b?.Trim());
}
