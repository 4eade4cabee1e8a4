namespace Inbox.Connectors.Email;

/// <summary>
/// Outlook's Thread-Index header: base64 of a 22-byte header block (6 bytes of FILETIME, 16 of a GUID) that names the
/// thread, plus 5 bytes per reply. Outlook and Exchange thread by the header block alone, and some replies carry
/// nothing else (no In-Reply-To, no References), so the block is our key for the thread ("thread-index:" + base64).
/// </summary>
public static class ThreadIndex
{
    public const string KeyPrefix = "thread-index:";
    private const int HeaderBlock = 22;

    /// <summary>The thread key of a Thread-Index header value, or null when it is not one.</summary>
    public static string? KeyOf(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        var bytes = new byte[header.Length];
        if (!Convert.TryFromBase64String(header.Trim(), bytes, out var length) || length < HeaderBlock || (length - HeaderBlock) % 5 != 0) return null;
        return KeyPrefix + Convert.ToBase64String(bytes, 0, HeaderBlock);
    }

    /// <summary>A new thread's header: the current time and a GUID derived from <paramref name="seed"/> (our Message-ID),
    /// so sending the same message again yields the same header.</summary>
    public static string Start(DateTimeOffset at, string seed)
    {
        var block = new byte[HeaderBlock];
        var fileTime = BitConverter.GetBytes(at.ToFileTime());
        if (BitConverter.IsLittleEndian) Array.Reverse(fileTime);
        Array.Copy(fileTime, block, 6);
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16).CopyTo(block.AsSpan(6));
        return Convert.ToBase64String(block);
    }

    /// <summary>A reply in the thread named by <paramref name="key"/>: its header block plus one 5-byte child block.</summary>
    public static string? Reply(string key, string seed)
    {
        if (!key.StartsWith(KeyPrefix, StringComparison.Ordinal)) return null;
        var header = new byte[HeaderBlock];
        if (!Convert.TryFromBase64String(key[KeyPrefix.Length..], header, out var n) || n != HeaderBlock) return null;
        var child = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed)).AsSpan(0, 5);
        return Convert.ToBase64String([.. header, .. child]);
    }
}
