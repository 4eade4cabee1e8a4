using Inbox.Contracts;

namespace Inbox.Server.Search;

/// <summary>
/// The part of a message around its first match, and the ranges to mark. Built here rather than by the database
/// (FTS5 snippet(), ts_headline) so both databases answer alike, and as text plus offsets, never markup: the client
/// renders customer text as text and marks the ranges itself.
/// </summary>
public static class Snippets
{
    public const int Width = 180;
    private const int Lead = 50;

    /// <summary>Words of <paramref name="text"/> that start with one of the query's words (how the index matched).</summary>
    public static SearchSnippetDto ForMessage(string text, SearchTerms terms) => Window(text, WordRanges(text, terms));

    /// <summary>Does every word of the query begin a word of <paramref name="text"/>?</summary>
    public static bool HasEveryWord(string text, SearchTerms terms) => terms.Words.All(w => WordRanges(text, new SearchTerms([w])).Count > 0);

    private static List<SearchRangeDto> WordRanges(string text, SearchTerms terms)
    {
        var folded = SearchTerms.Fold(text);
        var ranges = new List<SearchRangeDto>();
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inWord = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                if (terms.Words.Any(w => string.CompareOrdinal(folded, start, w, 0, w.Length) == 0 && i - start >= w.Length))
                    ranges.Add(new SearchRangeDto(start, i - start));
                start = -1;
            }
        }
        return ranges;
    }

    /// <summary>Every place <paramref name="text"/> (a name) contains one of the query's words, accents and case aside.</summary>
    public static SearchSnippetDto ForName(string text, SearchTerms terms)
    {
        var folded = SearchTerms.Fold(text);
        var marked = new bool[folded.Length];
        foreach (var word in terms.Words)
            for (var at = folded.IndexOf(word, StringComparison.Ordinal); at >= 0; at = folded.IndexOf(word, at + 1, StringComparison.Ordinal))
                Array.Fill(marked, true, at, word.Length);
        var ranges = new List<SearchRangeDto>();
        for (var i = 0; i < marked.Length; i++)
        {
            if (!marked[i]) continue;
            var from = i;
            while (i < marked.Length && marked[i]) i++;
            ranges.Add(new SearchRangeDto(from, i - from));
        }
        return new SearchSnippetDto(text, ranges);
    }

    /// <summary>At most <see cref="Width"/> characters, starting a little before the first match, on one line.</summary>
    private static SearchSnippetDto Window(string text, List<SearchRangeDto> ranges)
    {
        var oneLine = string.Create(text.Length, text, (span, t) =>
        {
            for (var i = 0; i < t.Length; i++) span[i] = t[i] is '\r' or '\n' or '\t' ? ' ' : t[i];
        });
        if (oneLine.Length <= Width) return new SearchSnippetDto(oneLine, ranges);

        var first = ranges.Count > 0 ? ranges[0].Start : 0;
        var start = Math.Max(0, first - Lead);
        while (start > 0 && start > first - Lead - 15 && !char.IsWhiteSpace(oneLine[start - 1])) start--;
        if (start > 0 && char.IsLowSurrogate(oneLine[start])) start++;
        var end = Math.Min(oneLine.Length, start + Width);
        if (end < oneLine.Length && char.IsLowSurrogate(oneLine[end])) end--;
        var prefix = start > 0 ? "…" : "";
        var suffix = end < oneLine.Length ? "…" : "";
        var shifted = ranges
            .Where(r => r.Start >= start && r.Start < end)
            .Select(r => new SearchRangeDto(r.Start - start + prefix.Length, Math.Min(r.Length, end - r.Start)))
            .ToList();
        return new SearchSnippetDto(prefix + oneLine[start..end] + suffix, shifted);
    }
}
