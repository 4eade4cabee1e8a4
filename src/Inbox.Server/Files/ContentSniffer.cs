using System.Text.Unicode;

namespace Inbox.Server.Files;

/// <summary>
/// Decides a file's content type from its first bytes, not from what the sender claimed. A claim is kept only when
/// the bytes agree with it (or when nothing is recognised and the claim is harmless); anything a browser would run
/// as a document (HTML, SVG, XML, JavaScript) is stored as application/octet-stream, whoever named it.
/// </summary>
public static class ContentSniffer
{
    public const string Binary = "application/octet-stream";

    /// <summary>The only types the download endpoint shows inline (as an image); everything else is a download.</summary>
    public static bool IsInlineImage(string contentType) => contentType is "image/png" or "image/jpeg" or "image/gif" or "image/webp";

    public static string Decide(ReadOnlySpan<byte> head, string? claimed)
    {
        var claim = Normalise(claimed);
        if (Sniff(head) is { } sniffed)
        {
            // A zip may be an office document or an epub: the claim refines it when it names a zip-based format.
            if (sniffed == "application/zip" && claim is not null && ZipBased.Contains(claim)) return claim;
            // Text is text: a claim of a text-like type keeps its subtype (csv, calendar), a dangerous one does not.
            if (sniffed == "text/plain" && claim is not null && SafeText.Contains(claim)) return claim;
            return sniffed;
        }
        if (LooksLikeMarkup(head)) return Binary;
        if (claim is null || Dangerous(claim)) return Binary;
        // Unrecognised bytes under a harmless claim (an audio codec we do not sniff, say): served as a download anyway,
        // and never as an image, since images are only ever what their magic bytes say.
        return claim.StartsWith("image/", StringComparison.Ordinal) ? Binary : claim;
    }

    /// <summary>The type the magic bytes announce, or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> h)
    {
        if (h.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (h.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (h.StartsWith("GIF87a"u8) || h.StartsWith("GIF89a"u8)) return "image/gif";
        if (h.Length >= 12 && h.StartsWith("RIFF"u8) && h[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        if (h.Length >= 12 && h.StartsWith("RIFF"u8) && h[8..12].SequenceEqual("WAVE"u8)) return "audio/wav";
        if (h.StartsWith("BM"u8) && h.Length >= 14) return "image/bmp";
        if (h.StartsWith("%PDF-"u8)) return "application/pdf";
        if (h.StartsWith("PK\x03\x04"u8)) return "application/zip";
        if (h.StartsWith("OggS"u8)) return "audio/ogg";
        if (h.StartsWith("ID3"u8) || (h.Length >= 2 && h[0] == 0xFF && (h[1] & 0xE0) == 0xE0)) return "audio/mpeg";
        if (h.StartsWith("fLaC"u8)) return "audio/flac";
        if (h.StartsWith("#!AMR"u8)) return "audio/amr";
        if (h.Length >= 12 && h[4..8].SequenceEqual("ftyp"u8))
            return h[8..12].SequenceEqual("M4A "u8) ? "audio/mp4" : h[8..12].SequenceEqual("qt  "u8) ? "video/quicktime" : "video/mp4";
        if (h.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3])) return "video/webm";
        if (IsPlainText(h)) return "text/plain";
        return null;
    }

    private static readonly HashSet<string> ZipBased = new(StringComparer.Ordinal)
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/epub+zip",
    };

    private static readonly HashSet<string> SafeText = new(StringComparer.Ordinal) { "text/plain", "text/csv", "text/calendar", "text/vcard", "text/x-vcard" };

    private static bool Dangerous(string type) =>
        type.Contains("html", StringComparison.Ordinal) || type.Contains("xml", StringComparison.Ordinal) || type.Contains("svg", StringComparison.Ordinal)
        || type.Contains("javascript", StringComparison.Ordinal) || type.Contains("ecmascript", StringComparison.Ordinal) || type == "text/css";

    /// <summary>UTF-8 (or ASCII) without control bytes, and not markup a browser would render.</summary>
    private static bool IsPlainText(ReadOnlySpan<byte> h)
    {
        if (h.IsEmpty || LooksLikeMarkup(h)) return false;
        foreach (var b in h)
            if (b < 0x09 || b is > 0x0D and < 0x20 || b == 0x7F) return false;
        // The head may cut a multi-byte character: allow up to 3 trailing bytes to be incomplete.
        for (var cut = 0; cut <= Math.Min(3, h.Length - 1); cut++)
            if (Utf8.IsValid(h[..^cut])) return true;
        return false;
    }

    /// <summary>What the WHATWG sniffing rules would treat as HTML or XML: a leading '&lt;' after whitespace (and a BOM).</summary>
    private static bool LooksLikeMarkup(ReadOnlySpan<byte> h)
    {
        if (h.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) h = h[3..];
        var text = h.TrimStart(" \t\r\n\f"u8);
        return !text.IsEmpty && text[0] == (byte)'<';
    }

    private static string? Normalise(string? claimed)
    {
        if (string.IsNullOrWhiteSpace(claimed)) return null;
        var type = claimed.Split(';')[0].Trim().ToLowerInvariant();
        return type.Contains('/', StringComparison.Ordinal) ? type : null;
    }
}
