using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Inbox.Server.Data;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Files;

/// <summary>
/// Files on local disk under {Directory}/ab/cd/{sha256}: two levels of shards keep folders small. A file is written
/// to tmp/ first and renamed into place once complete, so a reader never sees half a file and a crash leaves only
/// a temp file behind in tmp/ (each write deletes its own; the orphan sweep clears what a crash left, a day later).
/// </summary>
public sealed class DiskFileStore : IFileStore
{
    public const int HeadLength = 512;

    private readonly string _root;
    private readonly string _temp;

    public DiskFileStore(IOptions<FilesOptions> files, IOptions<InboxOptions> inbox)
    {
        _root = Path.GetFullPath(string.IsNullOrEmpty(files.Value.Directory) ? Path.Combine(inbox.Value.FullDataDirectory, "files") : files.Value.Directory);
        _temp = Path.Combine(_root, "tmp");
        Directory.CreateDirectory(_temp);
    }

    public async Task<StoredFile?> PutAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        var temp = Path.Combine(_temp, Guid.NewGuid().ToString("N"));
        var buffer = ArrayPool<byte>.Shared.Rent(81_920);
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var head = new MemoryStream(HeadLength);
            long size = 0;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > maxBytes) return null;
                    if (head.Length < HeadLength) head.Write(buffer, 0, (int)Math.Min(read, HeadLength - head.Length));
                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                await file.FlushAsync(ct);
            }
            var key = Convert.ToHexStringLower(sha.GetHashAndReset());
            var path = PathOf(key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Same bytes already stored (content addressing): keep the one we have, and touch it so the orphan
                // sweep leaves it alone until the reference this put is for has been committed.
                try
                {
                    File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
                }
                catch (FileNotFoundException)
                {
                    File.Move(temp, path, overwrite: false); // swept in between: ours takes its place
                }
            }
            return new StoredFile(key, size, head.ToArray());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            File.Delete(temp);
        }
    }

    public Task<Stream?> OpenAsync(string key, CancellationToken ct)
    {
        if (!IsKey(key)) return Task.FromResult<Stream?>(null);
        try
        {
            return Task.FromResult<Stream?>(new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81_920, FileOptions.Asynchronous));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public async IAsyncEnumerable<StoredKey> ListAsync([EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var path in Directory.EnumerateFiles(_root, "*", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 2 }))
        {
            ct.ThrowIfCancellationRequested();
            var key = Path.GetFileName(path);
            if (!IsKey(key) || path != PathOf(key)) continue;
            yield return new StoredKey(key, new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero));
        }
        await Task.CompletedTask;
    }

    public Task<bool> DeleteIfUntouchedSinceAsync(string key, DateTimeOffset cutoff, CancellationToken ct)
    {
        if (!IsKey(key)) return Task.FromResult(false);
        var path = PathOf(key);
        if (!File.Exists(path) || File.GetLastWriteTimeUtc(path) >= cutoff.UtcDateTime) return Task.FromResult(false);
        File.Delete(path);
        return Task.FromResult(true);
    }

    public Task<int> DeleteAbandonedWritesAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        var deleted = 0;
        foreach (var temp in Directory.EnumerateFiles(_temp))
        {
            if (File.GetLastWriteTimeUtc(temp) >= cutoff.UtcDateTime) continue;
            try
            {
                File.Delete(temp);
                deleted++;
            }
            catch (IOException)
            {
                // Still open by a write on another node sharing the folder.
            }
        }
        return Task.FromResult(deleted);
    }

    /// <summary>A key is 64 lower-case hex digits, never a path: nothing outside the root can be named.</summary>
    private static bool IsKey(string key) => key.Length == 64 && key.All(char.IsAsciiHexDigitLower);

    private string PathOf(string key) => Path.Combine(_root, key[..2], key[2..4], key);
}
