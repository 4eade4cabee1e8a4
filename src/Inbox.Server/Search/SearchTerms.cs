using System.Globalization;
using System.Text;

namespace Inbox.Server.Search;

/// <summary>
/// The words of a query as both databases index them: lower case without accents, split at anything that is not a
/// letter or digit ("¿Canción?" → "cancion"). Each word matches as a prefix of an indexed word, so "sof" finds "sofá"
/// and "cancion" finds "canciones": prefix matching instead of stemming, the same on SQLite and PostgreSQL.
/// </summary>
public sealed record SearchTerms(IReadOnlyList<string> Words)
{
    /// <summary>Words shorter than this are dropped (a one-letter prefix matches nearly every message).</summary>
    public const int MinWordLength = 2;

    private const int MaxWords = 8;

    public static SearchTerms Parse(string? query)
    {
        var words = new List<string>();
        var folded = Fold(query ?? "");
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inWord = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                var word = folded[start..i];
                if (word.Length >= MinWordLength && !words.Contains(word) && words.Count < MaxWords) words.Add(word);
                start = -1;
            }
        }
        return new SearchTerms(words);
    }

    public bool IsEmpty => Words.Count == 0;

    /// <summary>The longest prefix SQLite's FTS5 index holds (migration 0018's prefix option).</summary>
    public const int IndexedPrefix = 6;

    /// <summary>FTS5: every word as a quoted prefix ("cancio"* "sof"*), all required, cut to the indexed prefix length;
    /// <see cref="IsExactInFts5"/> says whether the server must check the longer words itself. Words hold letters and
    /// digits only, so quoting is enough.</summary>
    public string ToFts5() => string.Join(' ', Words.Select(w => $"\"{(w.Length > IndexedPrefix ? w[..IndexedPrefix] : w)}\"*"));

    public bool IsExactInFts5 => Words.All(w => w.Length <= IndexedPrefix);

    /// <summary>PostgreSQL to_tsquery: cancion:* &amp; sof:*.</summary>
    public string ToTsQuery() => string.Join(" & ", Words.Select(w => w + ":*"));

    /// <summary>Lower case without accents, one character for one (offsets into the result are offsets into the input),
    /// so matches found in the folded text mark the original.</summary>
    public static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (char.IsSurrogate(ch) || ch < 0x80) { folded.Append(char.ToLowerInvariant(ch)); continue; }
            var decomposed = ch.ToString().Normalize(NormalizationForm.FormD);
            var base0 = decomposed.Length > 0 && CharUnicodeInfo.GetUnicodeCategory(decomposed[0]) != UnicodeCategory.NonSpacingMark ? decomposed[0] : ch;
            folded.Append(char.ToLowerInvariant(base0));
        }
        return folded.ToString();
    }
}
