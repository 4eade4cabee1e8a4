namespace Inbox.Server.Files;

/// <summary>
/// Where attachment bytes live, addressed by content: the key is the SHA-256 of the bytes, so the same file sent
/// twice (a provider's retry, a forwarded picture) is stored once and a key can never point at other bytes.
/// </summary>
public interface IFileStore
{
    /// <summary>Stores the stream's bytes, at most <paramref name="maxBytes"/>; null when the stream is longer (nothing kept).</summary>
    Task<StoredFile?> PutAsync(Stream content, long maxBytes, CancellationToken ct);

    /// <summary>The bytes stored under <paramref name="key"/>, or null when there are none.</summary>
    Task<Stream?> OpenAsync(string key, CancellationToken ct);

    /// <summary>Every stored key with when its bytes were last written or put again (for the orphan sweep).</summary>
    IAsyncEnumerable<StoredKey> ListAsync(CancellationToken ct);

    /// <summary>Deletes the file unless it was written or put again at or after <paramref name="cutoff"/> (a reference to
    /// it may be on its way to the database); true when deleted.</summary>
    Task<bool> DeleteIfUntouchedSinceAsync(string key, DateTimeOffset cutoff, CancellationToken ct);

    /// <summary>Removes what writes that never finished (a crash mid-upload) left before <paramref name="cutoff"/>.</summary>
    Task<int> DeleteAbandonedWritesAsync(DateTimeOffset cutoff, CancellationToken ct);
}

public sealed record StoredKey(string Key, DateTimeOffset TouchedAt);

/// <summary>A stored file: its key, its length and its first bytes (what <see cref="ContentSniffer"/> reads).</summary>
public sealed record StoredFile(string Key, long Size, byte[] Head);
