using System.Diagnostics;
using Dapper;
using Inbox.Server.Files;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Inbox.Server.Data;

/// <summary>
/// An online copy of everything a node keeps, taken while it serves: the database first (SQLite: <c>VACUUM INTO</c>, one
/// consistent snapshot while writes go on; PostgreSQL: <c>pg_dump</c>, which is one too), then the Data Protection keys
/// (without them channel credentials cannot be decrypted) and the file store. A file is written before the row naming it
/// commits, so every file the snapshot refers to is there when the files are copied after it.
/// </summary>
public sealed class DataBackup(IDbConnectionFactory db, IOptions<InboxOptions> inbox, IOptions<DatabaseOptions> database, IOptions<FilesOptions> files)
{
    public const string SqliteFile = "inbox.db";
    public const string PostgresDump = "inbox.pgdump";
    public const string KeysFolder = "keys";
    public const string FilesFolder = "files";

    public async Task<BackupSummary> BackupAsync(string target, CancellationToken ct)
    {
        target = Path.GetFullPath(target);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            throw new IOException($"The backup folder {target} is not empty.");
        Directory.CreateDirectory(target);
        var clock = Stopwatch.StartNew();
        if (database.Value.IsPostgres)
        {
            await PostgresTool.RunAsync("pg_dump", database.Value.ConnectionString!, ["--format=custom", "--no-owner", "--file", Path.Combine(target, PostgresDump)], ct);
        }
        else
        {
            await using var c = await db.OpenAsync(ct);
            await c.ExecuteAsync(new CommandDefinition("VACUUM INTO @Path", new { Path = Path.Combine(target, SqliteFile) }, cancellationToken: ct));
        }
        var keys = CopyTree(KeysDirectory(inbox.Value), Path.Combine(target, KeysFolder), ct);
        var stored = CopyTree(FilesDirectory(inbox.Value, files.Value), Path.Combine(target, FilesFolder), ct);
        return new BackupSummary(target, keys, stored, clock.Elapsed);
    }

    /// <summary>Puts a backup into an empty data directory (and, on PostgreSQL, an empty database) before the server starts.</summary>
    public static async Task RestoreAsync(string backup, InboxOptions inbox, DatabaseOptions database, FilesOptions files, CancellationToken ct)
    {
        backup = Path.GetFullPath(backup);
        var keys = KeysDirectory(inbox);
        if (Directory.Exists(keys) && Directory.EnumerateFileSystemEntries(keys).Any())
            throw new IOException($"{keys} already holds keys: restore into a new data directory.");
        if (database.IsPostgres)
        {
            var dump = Path.Combine(backup, PostgresDump);
            if (!File.Exists(dump)) throw new IOException($"{dump} is missing: is {backup} a PostgreSQL backup?");
            await using (var c = new NpgsqlConnection(database.ConnectionString))
            {
                await c.OpenAsync(ct);
                if (await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = 'public')"))
                    throw new IOException("The target database is not empty: restore into a new database.");
            }
            await PostgresTool.RunAsync("pg_restore", database.ConnectionString!, ["--no-owner", "--exit-on-error", dump], ct);
        }
        else
        {
            var source = Path.Combine(backup, SqliteFile);
            if (!File.Exists(source)) throw new IOException($"{source} is missing: is {backup} a SQLite backup?");
            var path = string.IsNullOrWhiteSpace(database.ConnectionString)
                ? Path.Combine(inbox.FullDataDirectory, SqliteFile)
                : new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.Copy(source, path, overwrite: false);
        }
        CopyTree(Path.Combine(backup, KeysFolder), keys, ct);
        CopyTree(Path.Combine(backup, FilesFolder), FilesDirectory(inbox, files), ct);
    }

    // The same places ChannelsExtensions and DiskFileStore use.
    private static string KeysDirectory(InboxOptions inbox) => Path.Combine(inbox.FullDataDirectory, KeysFolder);

    private static string FilesDirectory(InboxOptions inbox, FilesOptions files) =>
        Path.GetFullPath(string.IsNullOrEmpty(files.Directory) ? Path.Combine(inbox.FullDataDirectory, FilesFolder) : files.Directory);

    /// <summary>Copies every file under <paramref name="from"/> except unfinished writes (tmp/); returns how many.</summary>
    private static int CopyTree(string from, string to, CancellationToken ct)
    {
        Directory.CreateDirectory(to);
        if (!Directory.Exists(from)) return 0;
        var copied = 0;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            ct.ThrowIfCancellationRequested();
            var relative = Path.GetRelativePath(from, file);
            if (relative.StartsWith("tmp" + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
            var destination = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            try
            {
                File.Copy(file, destination, overwrite: false);
                copied++;
            }
            catch (FileNotFoundException)
            {
                // Swept as an orphan while we copied: no row of the snapshot names it.
            }
        }
        return copied;
    }
}

public sealed record BackupSummary(string Folder, int Keys, int Files, TimeSpan Took);
