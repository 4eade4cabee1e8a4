using Inbox.Server.Files;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Data;

/// <summary>
/// <c>Inbox.Server backup FOLDER</c> takes an online copy while the server runs (same settings as the server: data
/// directory, database); <c>Inbox.Server restore FOLDER</c> puts one into a new data directory (and an empty PostgreSQL
/// database) before the server is started on it.
/// </summary>
public static class DataCommands
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (command, folder) = (args[0], args[1]);
        var builder = WebApplication.CreateSlimBuilder(args[2..]);
        builder.AddInboxPersistence();
        builder.Services.AddOptions<FilesOptions>().BindConfiguration(FilesOptions.Section);
        await using var app = builder.Build();
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        try
        {
            if (command == "backup")
            {
                var backup = await app.Services.GetRequiredService<DataBackup>().BackupAsync(folder, cancel.Token);
                Console.WriteLine($"Backed up into {backup.Folder}: the database, {backup.Keys} key files and {backup.Files} files in {backup.Took.TotalSeconds:N1} s.");
            }
            else
            {
                await DataBackup.RestoreAsync(folder, Value<InboxOptions>(app), Value<DatabaseOptions>(app), Value<FilesOptions>(app), cancel.Token);
                Console.WriteLine($"Restored {Path.GetFullPath(folder)} into {Value<InboxOptions>(app).FullDataDirectory}. Start the server on it.");
            }
            return 0;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{command} failed: {ex.Message}");
            return 1;
        }
    }

    private static T Value<T>(WebApplication app) where T : class => app.Services.GetRequiredService<IOptions<T>>().Value;
}
