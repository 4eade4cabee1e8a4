using System.Text;

namespace Inbox.Connectors.Abstractions;

/// <summary>
/// A provider's HTTP call as a connector sees it, with nothing of ASP.NET: the public URL the provider called (as the
/// admin configured it, the one a signature covers), method, headers (case-insensitive, repeated values joined by
/// ", ") and the raw body.
/// </summary>
public sealed record WebhookRequest(Uri PublicUrl, string Method, IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body, DateTimeOffset ReceivedAt)
{
    private IReadOnlyDictionary<string, string>? _form;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string? ContentType => Header("Content-Type");

    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    /// <summary>The body read as application/x-www-form-urlencoded (the last value wins for repeated keys).</summary>
    public IReadOnlyDictionary<string, string> Form => _form ??= ParseForm(BodyText);

    public static IReadOnlyDictionary<string, string> ParseForm(string encoded)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in encoded.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = Decode(eq < 0 ? pair : pair[..eq]);
            form[key] = eq < 0 ? "" : Decode(pair[(eq + 1)..]);
        }
        return form;
    }

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
}
