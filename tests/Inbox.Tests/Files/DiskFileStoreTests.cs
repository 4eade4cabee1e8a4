using System.Security.Cryptography;
using Inbox.Server.Data;
using Inbox.Server.Files;
using Microsoft.Extensions.Options;

namespace Inbox.Tests.Files;

/// <summary>The disk store on a real temp folder: keys are content hashes, writes are whole or absent.</summary>
public sealed class DiskFileStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "inbox-tests", "files-" + Guid.NewGuid().ToString("N"));
    private readonly DiskFileStore _store;

    public DiskFileStoreTests() => _store = new DiskFileStore(Options.Create(new FilesOptions { Directory = _root }), Options.Create(new InboxOptions()));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task The_same_bytes_are_stored_once_under_their_sha256()
    {
        var bytes = RandomNumberGenerator.GetBytes(200_000);
        var first = await _store.PutAsync(new MemoryStream(bytes), 1_000_000, CancellationToken.None);
        var second = await _store.PutAsync(new MemoryStream(bytes), 1_000_000, CancellationToken.None);
        var other = await _store.PutAsync(new MemoryStream([1, 2, 3]), 1_000_000, CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), first!.Key);
        Assert.Equal(first.Key, second!.Key);
        Assert.NotEqual(first.Key, other!.Key);
        Assert.Equal(200_000, first.Size);
        Assert.Equal(bytes[..DiskFileStore.HeadLength], first.Head);
        Assert.Equal(2, StoredFiles().Count);
        Assert.Equal(Path.Combine(_root, first.Key[..2], first.Key[2..4], first.Key), StoredFiles().Single(f => f.EndsWith(first.Key, StringComparison.Ordinal)));

        await using var read = await _store.OpenAsync(first.Key, CancellationToken.None);
        using var copy = new MemoryStream();
        await read!.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task A_stream_over_the_limit_leaves_nothing_behind()
    {
        var stored = await _store.PutAsync(new MemoryStream(new byte[1025]), 1024, CancellationToken.None);
        var exact = await _store.PutAsync(new MemoryStream(new byte[1024]), 1024, CancellationToken.None);

        Assert.Null(stored);
        Assert.NotNull(exact);
        Assert.Single(StoredFiles());
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "tmp")));
    }

    [Fact]
    public async Task Keys_that_are_not_hashes_open_nothing_and_deleted_files_are_gone()
    {
        var stored = await _store.PutAsync(new MemoryStream([42]), 10, CancellationToken.None);
        Assert.Null(await _store.OpenAsync("../../inbox.db", CancellationToken.None));
        Assert.Null(await _store.OpenAsync(stored!.Key.ToUpperInvariant(), CancellationToken.None));
        Assert.False(await _store.DeleteIfUntouchedSinceAsync("../../inbox.db", DateTimeOffset.MaxValue, CancellationToken.None));

        Assert.False(await _store.DeleteIfUntouchedSinceAsync(stored.Key, DateTimeOffset.UtcNow.AddMinutes(-1), CancellationToken.None));
        Assert.True(await _store.DeleteIfUntouchedSinceAsync(stored.Key, DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None));
        Assert.Null(await _store.OpenAsync(stored.Key, CancellationToken.None));
        Assert.False(await _store.DeleteIfUntouchedSinceAsync(stored.Key, DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task The_listing_names_every_stored_key_with_its_last_touch_and_nothing_else()
    {
        var a = await _store.PutAsync(new MemoryStream([1]), 10, CancellationToken.None);
        var b = await _store.PutAsync(new MemoryStream([2]), 10, CancellationToken.None);
        File.WriteAllText(Path.Combine(_root, "tmp", "half-written"), "x");
        File.WriteAllText(Path.Combine(_root, "README"), "not a key");
        var old = DateTime.UtcNow.AddDays(-3);
        File.SetLastWriteTimeUtc(Path.Combine(_root, a!.Key[..2], a.Key[2..4], a.Key), old);

        var listed = new List<StoredKey>();
        await foreach (var key in _store.ListAsync(CancellationToken.None)) listed.Add(key);

        Assert.Equal(new[] { a.Key, b!.Key }.Order(StringComparer.Ordinal), listed.Select(k => k.Key).Order(StringComparer.Ordinal));
        Assert.Equal(old, listed.Single(k => k.Key == a.Key).TouchedAt.UtcDateTime, TimeSpan.FromSeconds(1));
    }

    private List<string> StoredFiles() => Directory.GetFiles(_root, "*", SearchOption.AllDirectories)
        .Where(f => !Path.GetRelativePath(_root, f).StartsWith("tmp", StringComparison.Ordinal)).ToList();
}
