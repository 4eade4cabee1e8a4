using System.Net.Http.Json;
using Dapper;
using Inbox.Contracts;
using Inbox.Server.Data;
using Inbox.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Inbox.Tests.Data;

/// <summary>
/// A database the previous release made (Data/Fixtures/release-0015, built through that release's API) upgrades on
/// start and keeps everything: threads, notes, statuses, accounts, encrypted channel secrets, issued tokens, and ids
/// that go on growing.
/// </summary>
public sealed class UpgradeTests
{
    private const string SqliteToken = "inbox_ch_orQVZMRM_REV26M-CWowM_kQmnMnbd9ZoQaqZPnSKWE";
    private const string PostgresToken = "inbox_ch_oWQNeILjEu8Kcd_8JLgqX05xxpIC9LanFrvtjtAsaKw";

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "Fixtures", "release-0015", name);

    /// <summary>A data folder as the previous release left it, on the database this run uses.</summary>
    private static async Task<string> RestorePreviousReleaseAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "inbox-tests", Guid.NewGuid().ToString("N"));
        var keys = Directory.CreateDirectory(Path.Combine(directory, "keys"));
        var database = TestPostgres.Enabled ? "postgres" : "sqlite";
        foreach (var key in Directory.GetFiles(Fixture($"keys-{database}"))) File.Copy(key, Path.Combine(keys.FullName, Path.GetFileName(key)));
        var script = await File.ReadAllTextAsync(Fixture($"{database}.sql"));
        if (TestPostgres.Enabled)
        {
            // Unpooled: the dump empties search_path for its session, which must not leak into the server's connections.
            await using var c = new NpgsqlConnection(TestPostgres.DatabaseFor(directory) + ";Pooling=false");
            await c.OpenAsync();
            await c.ExecuteAsync(script);
        }
        else
        {
            await using var c = new SqliteConnection($"Data Source={Path.Combine(directory, DataBackup.SqliteFile)};Pooling=false");
            await c.OpenAsync();
            await c.ExecuteAsync(script);
        }
        return directory;
    }

    [Fact]
    public async Task A_database_of_the_previous_release_upgrades_and_keeps_every_thread_account_and_secret()
    {
        var directory = await RestorePreviousReleaseAsync();
        await using var app = new InboxAppFactory(directory);

        var admin = await app.AdminClientAsync();
        var ana = await admin.GetJsonAsync<MessagePage>(Routes.ConversationMessages(1));
        Assert.Equal(["¿Tenéis el sofá verde en Valencia?", "Lo recogería el sábado", "Sí, queda uno en Valencia", "Nota interna: cliente habitual"],
            ana.Items.OrderBy(m => m.Id).Select(m => m.Text));
        Assert.True(ana.Items.Single(m => m.Text.StartsWith("Nota", StringComparison.Ordinal)).IsPrivate);
        Assert.Equal(ConversationStatus.Resolved, (await admin.GetJsonAsync<ConversationDto>(Routes.Conversation(2))).Status);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync(Routes.Login, new LoginRequest("carla@shop.test", "carla-password"))).StatusCode);
        // The channel's webhook secret was encrypted by the old release's key: it still decrypts.
        Assert.Equal(["webhookSecret"], (await admin.GetJsonAsync<ChannelDto>(Routes.Channel(1))).SecretNames);

        var channel = new ApiChannel(1, TestPostgres.Enabled ? PostgresToken : SqliteToken, "");
        var again = await app.PushAcceptedAsync(channel, "new-1", "+34600111222", "Vuelvo a escribir tras la actualización");
        var stranger = await app.PushAcceptedAsync(channel, "new-2", "+34600999000", "Soy nuevo");

        Assert.Equal(1, again.ConversationId);
        Assert.True(again.MessageId > ana.Items.Max(m => m.Id), "message ids go on growing");
        Assert.True(stranger.ConversationId > 2 && stranger.ContactId > 2, "a new customer gets new ids, never an old one");
        await using var db = app.OpenDatabase();
        var applied = (await db.QueryAsync<string>("SELECT ScriptName FROM SchemaVersions")).Select(n => n[(n.LastIndexOf(".Migrations.", StringComparison.Ordinal) + 12)..]);
        var folder = TestPostgres.Enabled ? "Postgres" : "Sqlite";
        Assert.Equal(DatabaseMigrator.ScriptNames(folder).Select(n => $"{folder}.{n}"), applied.Order(StringComparer.Ordinal));
    }
}
