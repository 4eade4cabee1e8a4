using System.Text;

namespace Inbox.Server.Files;

/// <summary>A sender's file name made safe to store and to put in a Content-Disposition header: no folders, no
/// control characters, no quotes, at most 200 characters.</summary>
public static class FileNames
{
    public const string Fallback = "file";

    public static string Clean(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return Fallback;
        var last = name.Replace('\\', '/').Split('/')[^1];
        var clean = new StringBuilder(last.Length);
        foreach (var ch in last)
            if (!char.IsControl(ch) && ch is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')) clean.Append(ch);
        var result = clean.ToString().Trim().TrimStart('.');
        if (result.Length > 200) result = result[..200];
        return result.Length == 0 ? Fallback : result;
    }
}
