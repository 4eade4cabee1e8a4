using Inbox.Contracts;

namespace Inbox.Web.Mentions;

/// <summary>The "@name" a note is being typed with, and which picked agents its text still mentions.</summary>
public static class MentionText
{
    /// <summary>The part after "@" of the word being typed at the end of the text, or null when it is not a mention.</summary>
    public static string? Query(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var start = text.LastIndexOfAny([' ', '\n', '\t']) + 1;
        return start < text.Length && text[start] == '@' ? text[(start + 1)..] : null;
    }

    /// <summary>The text with the word being typed replaced by "@Name ".</summary>
    public static string Complete(string text, UserDto user)
    {
        var start = text.LastIndexOfAny([' ', '\n', '\t']) + 1;
        return $"{text[..start]}@{user.DisplayName} ";
    }

    /// <summary>Of the agents picked while writing, those whose "@Name" is still in the text.</summary>
    public static IReadOnlyList<long> StillMentioned(string text, IEnumerable<UserDto> picked) =>
        picked.Where(u => text.Contains($"@{u.DisplayName}", StringComparison.Ordinal)).Select(u => u.Id).Distinct().ToList();
}
