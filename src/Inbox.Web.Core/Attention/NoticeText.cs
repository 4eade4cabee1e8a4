using System.Globalization;
using System.Text;

namespace Inbox.Web.Attention;

/// <summary>Plain-text previews for desktop notifications: whitespace folded, cut at a character boundary.</summary>
public static class NoticeText
{
    public const int MaxPreview = 80;

    /// <summary>The first <paramref name="max"/> text elements of <paramref name="text"/> on one line, with "…" when cut.</summary>
    public static string Preview(string? text, int max = MaxPreview)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var folded = new StringBuilder(Math.Min(text.Length, max * 2));
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = true;
                continue;
            }
            if (space)
            {
                folded.Append(' ');
                space = false;
            }
            folded.Append(c);
            if (folded.Length > max * 4)
            {
                break; // enough to cut from; long messages are not walked to the end
            }
        }
        var line = folded.ToString();
        var elements = StringInfo.ParseCombiningCharacters(line); // start index of each user-perceived character
        if (elements.Length <= max)
        {
            return line;
        }
        return line[..elements[max]].TrimEnd() + "…";
    }
}
