namespace Inbox.Web.Auth;

/// <summary>Mailed links carry their one-time token in the fragment (<c>#token=…</c>): browsers never send it to a server
/// or a proxy log; the page reads it and posts it.</summary>
public static class LinkToken
{
    public static string? From(string uri)
    {
        var hash = uri.IndexOf('#');
        if (hash < 0) return null;
        foreach (var part in uri[(hash + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("token=", StringComparison.Ordinal) && part.Length > 6) return Uri.UnescapeDataString(part[6..]);
        }
        return null;
    }
}
