using System.Diagnostics;
using Npgsql;

namespace Inbox.Server.Data;

/// <summary>Runs PostgreSQL's client tools (pg_dump, pg_restore) against the configured database; the password goes in
/// the environment, never on the command line.</summary>
internal static class PostgresTool
{
    public static async Task RunAsync(string tool, string connectionString, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "--host", cs.Host ?? "localhost", "--port", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        if (!string.IsNullOrEmpty(cs.Username)) { start.ArgumentList.Add("--username"); start.ArgumentList.Add(cs.Username); }
        start.ArgumentList.Add("--dbname");
        start.ArgumentList.Add(cs.Database ?? throw new InvalidOperationException("The connection string names no database."));
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["PGCONNECT_TIMEOUT"] = "30";
        if (!string.IsNullOrEmpty(cs.Password)) start.Environment["PGPASSWORD"] = cs.Password;

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{tool} was not found: install PostgreSQL's client tools (Debian: postgresql-client).", ex);
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync(ct);
            _ = process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {(await error).Trim()}");
        }
    }
}
