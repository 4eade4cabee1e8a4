using System.Collections.Concurrent;
using Dapper;
using Inbox.Contracts;
using Inbox.Server.Channels;
using Inbox.Server.Data;
using Inbox.Server.Files;
using Inbox.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Data;

/// <summary>
/// A backup taken while customers' messages stream in, restored into a new data directory (and, on PostgreSQL, a new
/// database): every message acknowledged before the backup began is there, the channel's credentials still decrypt
/// (the keys came along) and its files download.
/// </summary>
public sealed class BackupTests : IAsyncLifetime
{
    private readonly InboxAppFactory _app = new();
    private readonly string _backup = Path.Combine(Path.GetTempPath(), "inbox-tests", "backup-" + Guid.NewGuid().ToString("N"));
    private readonly string _restored = Path.Combine(Path.GetTempPath(), "inbox-tests", "restored-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        try { Directory.Delete(_backup, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_backup_under_inbound_traffic_restores_with_every_acknowledged_message()
    {
        var admin = await _app.AdminClientAsync();
        var channel = await _app.CreateApiChannelAsync(admin, name: "Backed up");
        var file = (await _app.Services.GetRequiredService<IFileStore>().PutAsync(new MemoryStream("factura"u8.ToArray()), 100, default))!;
        var acknowledged = new ConcurrentDictionary<string, long>();
        using var stop = new CancellationTokenSource();
        var senders = Enumerable.Range(0, 4).Select(s => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var id = $"b-{s}-{i}";
                using var response = await _app.PushApiMessageAsync(channel, id, $"+3460000{s:D4}", $"mensaje {i}");
                var accepted = await response.ReadJsonOrDumpAsync<ApiInboundAccepted>();
                acknowledged[id] = accepted.MessageId;
            }
        })).ToList();
        await Eventually.GetAsync(() => Task.FromResult(acknowledged.Count), n => n >= 40);

        var before = acknowledged.ToDictionary();
        var backup = await _app.Services.GetRequiredService<DataBackup>().BackupAsync(_backup, default);
        await Eventually.GetAsync(() => Task.FromResult(acknowledged.Count), n => n >= before.Count + 20);
        await stop.CancelAsync();
        await Task.WhenAll(senders);

        Assert.True(backup.Keys > 0, "no Data Protection keys were copied");
        Assert.True(backup.Files > 0, "no files were copied");
        var databaseOptions = new DatabaseOptions();
        if (TestPostgres.Enabled)
        {
            databaseOptions.Provider = DatabaseOptions.PostgresProvider;
            databaseOptions.ConnectionString = TestPostgres.DatabaseFor(_restored);
        }
        await DataBackup.RestoreAsync(_backup, new InboxOptions { DataDirectory = _restored }, databaseOptions, new FilesOptions(), default);

        await using var restored = new InboxAppFactory(dataDirectory: _restored);
        await using (var db = restored.OpenDatabase())
        {
            var stored = (await db.QueryAsync<string>("SELECT provider_message_id FROM messages WHERE channel_id = @Id", new { channel.Id })).ToHashSet();
            var missing = before.Keys.Where(id => !stored.Contains(id)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {before.Count} acknowledged messages are missing from the restore");
        }
        var store = restored.Services.GetRequiredService<ChannelStore>();
        var context = store.ContextOf((await store.GetAsync(channel.Id, default))!);
        Assert.Equal(channel.WebhookSecret, context.Secret("webhookSecret"));
        await using var copy = await restored.Services.GetRequiredService<IFileStore>().OpenAsync(file.Key, default);
        Assert.NotNull(copy);
        using var restoredAdmin = await restored.AdminClientAsync();
        Assert.Contains(await restoredAdmin.GetJsonAsync<IReadOnlyList<ChannelDto>>(Routes.Channels), c => c.Id == channel.Id);
    }

    [Fact]
    public async Task A_backup_refuses_a_folder_that_is_not_empty_and_a_restore_refuses_a_used_data_directory()
    {
        Directory.CreateDirectory(_backup);
        await File.WriteAllTextAsync(Path.Combine(_backup, "other.txt"), "x");
        var backup = _app.Services.GetRequiredService<DataBackup>();

        var full = await Assert.ThrowsAsync<IOException>(() => backup.BackupAsync(_backup, default));
        Assert.Contains("not empty", full.Message);

        var fresh = _backup + "-2";
        await backup.BackupAsync(fresh, default);
        var used = await Assert.ThrowsAsync<IOException>(() => DataBackup.RestoreAsync(fresh, new InboxOptions { DataDirectory = _app.DataDirectory }, new DatabaseOptions(), new FilesOptions(), default));
        Assert.Contains("already holds keys", used.Message);
        Directory.Delete(fresh, recursive: true);
    }
}
