using System.Text.RegularExpressions;
using Dapper;
using Inbox.Server.Data;
using Microsoft.Data.Sqlite;
using Inbox.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inbox.Tests.Data;

/// <summary>Schema scripts are numbered, contiguous and safe to run on every start.</summary>
public sealed class MigrationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "inbox-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void Every_sqlite_script_is_named_NNNN_snake_case_and_numbered_without_gaps()
    {
        var names = DatabaseMigrator.ScriptNames("Sqlite");

        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.Matches(new Regex(@"^\d{4}_[a-z0-9_]+\.sql$"), n));
        var numbers = names.Select(n => int.Parse(n[..4], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(1, names.Count), numbers);
        Assert.Equal("0001_initial.sql", names[0]);
    }

    [Fact]
    public void Sqlite_and_postgres_have_the_same_scripts_under_the_same_numbers()
    {
        Assert.Equal(DatabaseMigrator.ScriptNames("Sqlite"), DatabaseMigrator.ScriptNames("Postgres"));
    }

    [Fact]
    public async Task A_fresh_postgres_database_migrates_and_a_second_run_changes_nothing()
    {
        var connectionString = TestPostgres.DatabaseFor(_directory);
        try
        {
            using var factory = new PostgresConnectionFactory(connectionString);
            new DatabaseMigrator(factory, NullLogger<DatabaseMigrator>.Instance).Migrate();
            new DatabaseMigrator(factory, NullLogger<DatabaseMigrator>.Instance).Migrate();
            await using var db = await factory.OpenAsync(CancellationToken.None);
            Assert.Equal(DatabaseMigrator.ScriptNames("Postgres").Count, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schemaversions"));
        }
        finally
        {
            TestPostgres.Drop(_directory);
        }
    }

    [Fact]
    public void A_fresh_database_migrates_and_a_second_run_changes_nothing()
    {
        var path = Path.Combine(_directory, "inbox.db");
        var migrator = new DatabaseMigrator(new SqliteConnectionFactory($"Data Source={path}"), NullLogger<DatabaseMigrator>.Instance);

        migrator.Migrate();
        using (var db = Open(path))
        {
            Assert.Equal(DatabaseMigrator.ScriptNames("Sqlite").Count, db.ExecuteScalar<long>("SELECT COUNT(*) FROM SchemaVersions"));
            db.Execute("INSERT INTO users (email, display_name, role, password_hash, created_at) VALUES ('kept@shop.test', 'Kept', 'Agent', 'x', '2025-01-01')");
        }

        migrator.Migrate();

        using (var db = Open(path))
        {
            Assert.Equal(DatabaseMigrator.ScriptNames("Sqlite").Count, db.ExecuteScalar<long>("SELECT COUNT(*) FROM SchemaVersions"));
            Assert.Equal(["kept@shop.test"], db.Query<string>("SELECT email FROM users"));
            var tables = db.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table'").ToHashSet();
            Assert.Superset(new HashSet<string> { "users", "teams", "team_members", "api_tokens", "channels", "contacts", "contact_identities",
                "conversations", "messages", "attachments", "outbox", "conversation_events" }, tables);
        }
    }

    [Fact]
    public void A_database_a_newer_build_migrated_is_refused_with_what_to_do()
    {
        var path = Path.Combine(_directory, "inbox.db");
        var migrator = new DatabaseMigrator(new SqliteConnectionFactory($"Data Source={path}"), NullLogger<DatabaseMigrator>.Instance);
        migrator.Migrate();
        using (var db = Open(path))
            db.Execute("INSERT INTO SchemaVersions (ScriptName, Applied) VALUES ('Inbox.Server.Data.Migrations.Sqlite.9999_from_the_future.sql', '2027-01-01')");

        var refused = Assert.Throws<InvalidOperationException>(migrator.Migrate);

        Assert.Contains("9999_from_the_future.sql", refused.Message);
        Assert.Contains("newer", refused.Message);
        Assert.Contains(DatabaseMigrator.ScriptNames("Sqlite")[^1], refused.Message);
    }

    [Fact]
    public async Task A_postgres_database_a_newer_build_migrated_is_refused()
    {
        var connectionString = TestPostgres.DatabaseFor(_directory);
        try
        {
            using var factory = new PostgresConnectionFactory(connectionString);
            var migrator = new DatabaseMigrator(factory, NullLogger<DatabaseMigrator>.Instance);
            migrator.Migrate();
            await using (var db = await factory.OpenAsync(CancellationToken.None))
                await db.ExecuteAsync("INSERT INTO schemaversions (scriptname, applied) VALUES ('Inbox.Server.Data.Migrations.Postgres.9999_from_the_future.sql', now())");

            Assert.Contains("9999_from_the_future.sql", Assert.Throws<InvalidOperationException>(migrator.Migrate).Message);
        }
        finally
        {
            TestPostgres.Drop(_directory);
        }
    }

    [Fact]
    public void The_schema_enforces_one_thread_per_contact_and_one_identity_per_address()
    {
        var path = Path.Combine(_directory, "inbox.db");
        new DatabaseMigrator(new SqliteConnectionFactory($"Data Source={path}"), NullLogger<DatabaseMigrator>.Instance).Migrate();
        using var db = Open(path);
        db.Execute("INSERT INTO contacts (id, created_at, updated_at) VALUES (1, 't', 't')");
        db.Execute("INSERT INTO contact_identities (contact_id, kind, address, created_at) VALUES (1, 'phone', '+34600111222', 't')");
        db.Execute("INSERT INTO conversations (contact_id, status, last_activity_at, created_at, updated_at) VALUES (1, 'open', 't', 't', 't')");

        Assert.Throws<SqliteException>(() => db.Execute("INSERT INTO contact_identities (contact_id, kind, address, created_at) VALUES (1, 'phone', '+34600111222', 't')"));
        Assert.Throws<SqliteException>(() => db.Execute("INSERT INTO conversations (contact_id, status, last_activity_at, created_at, updated_at) VALUES (1, 'open', 't', 't', 't')"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }
}
