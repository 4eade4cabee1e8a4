using Inbox.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Inbox.Tests.Messaging;

/// <summary>The server's SQLite file opened for writing, to stage what a crashed node or a failing disk leaves behind.</summary>
internal static class ServerDatabase
{
    public static SqliteConnection OpenForWriting(this InboxAppFactory app)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "inbox.db")};Pooling=False;Default Timeout=30");
        connection.Open();
        return connection;
    }
}
