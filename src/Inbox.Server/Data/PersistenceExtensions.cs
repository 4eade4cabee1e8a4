using Microsoft.Extensions.Options;

namespace Inbox.Server.Data;

public static class PersistenceExtensions
{
    /// <summary>Options, the connection factory and start-up migration of the embedded or configured database.</summary>
    public static WebApplicationBuilder AddInboxPersistence(this WebApplicationBuilder builder)
    {
        DapperSetup.Configure();
        builder.Services.AddOptions<InboxOptions>().BindConfiguration(InboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IDbConnectionFactory>(sp =>
        {
            var inbox = sp.GetRequiredService<IOptions<InboxOptions>>().Value;
            var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            if (db.IsPostgres) return new PostgresConnectionFactory(db.ConnectionString!);
            var connectionString = string.IsNullOrWhiteSpace(db.ConnectionString)
                ? $"Data Source={Path.Combine(inbox.FullDataDirectory, "inbox.db")}"
                : db.ConnectionString;
            return new SqliteConnectionFactory(connectionString);
        });
        builder.Services.AddSingleton<DatabaseMigrator>();
        builder.Services.AddSingleton<DataBackup>();
        builder.Services.AddSingleton<NodeIdentity>();
        return builder;
    }

    /// <summary>Brings the schema up to date before the app accepts requests.</summary>
    public static WebApplication MigrateInboxDatabase(this WebApplication app)
    {
        app.Services.GetRequiredService<DatabaseMigrator>().Migrate();
        return app;
    }
}
