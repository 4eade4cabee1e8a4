using System.Reflection;
using DbUp;
using DbUp.Builder;
using DbUp.Engine.Output;

namespace Inbox.Server.Data;

/// <summary>Runs the embedded plain-SQL scripts of the configured provider (Data/Migrations/{Sqlite|Postgres}/NNNN_name.sql).</summary>
public sealed class DatabaseMigrator(IDbConnectionFactory db, ILogger<DatabaseMigrator> logger)
{
    public static IReadOnlyList<string> ScriptNames(string folder)
    {
        var prefix = Prefix(folder);
        return typeof(DatabaseMigrator).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n[prefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public void Migrate()
    {
        var postgres = db.Dialect == SqlDialect.Postgres;
        var folder = postgres ? "Postgres" : "Sqlite";
        var prefix = Prefix(folder);
        UpgradeEngineBuilder builder = postgres
            ? DeployChanges.To.PostgresqlDatabase(ConnectionStringOf(db))
            : DeployChanges.To.SqliteDatabase(ConnectionStringOf(db));
        var upgrader = builder
            .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.StartsWith(prefix, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogTo(new DbUpLog(logger))
            .Build();
        RefuseNewerSchema(upgrader.GetExecutedScripts(), prefix, ScriptNames(folder));
        var result = upgrader.PerformUpgrade();
        if (!result.Successful) throw new InvalidOperationException($"Database migration failed in {result.ErrorScript?.Name}", result.Error);
    }

    /// <summary>Migrations only move forward: an older build never runs on a schema a newer one has changed.</summary>
    private static void RefuseNewerSchema(IEnumerable<string> executed, string prefix, IReadOnlyList<string> known)
    {
        var unknown = executed.Select(n => n.StartsWith(prefix, StringComparison.Ordinal) ? n[prefix.Length..] : n)
            .Where(n => !known.Contains(n, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count == 0) return;
        throw new InvalidOperationException(
            $"The database was migrated by a newer Inbox: it has {string.Join(", ", unknown)}, which this build (up to {known[^1]}) " +
            "does not know. Start the newer build, or restore the backup taken before the upgrade.");
    }

    private static string Prefix(string folder) => $"{typeof(DatabaseMigrator).Assembly.GetName().Name}.Data.Migrations.{folder}.";

    private static string ConnectionStringOf(IDbConnectionFactory db) => db switch
    {
        SqliteConnectionFactory s => s.ConnectionString,
        PostgresConnectionFactory p => p.ConnectionString,
        _ => throw new InvalidOperationException($"No migrations for {db.GetType().Name}"),
    };

    private sealed class DbUpLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => logger.LogTrace(format, args);
        public void LogDebug(string format, params object[] args) => logger.LogDebug(format, args);
        public void LogInformation(string format, params object[] args) => logger.LogInformation(format, args);
        public void LogWarning(string format, params object[] args) => logger.LogWarning(format, args);
        public void LogError(string format, params object[] args) => logger.LogError(format, args);
        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, format, args);
    }
}
