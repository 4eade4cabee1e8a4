using System.Text;

namespace Inbox.Server.Api;

/// <summary>Opaque keyset cursors: base64url of "a|b", so clients never build them by hand.</summary>
public static class Cursor
{
    public static string Encode(params string[] parts) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join('|', parts))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string? cursor, int parts, out string[] values)
    {
        values = [];
        if (string.IsNullOrEmpty(cursor)) return false;
        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=');
            values = Encoding.UTF8.GetString(Convert.FromBase64String(b64)).Split('|');
            return values.Length == parts;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
