using Microsoft.Data.Sqlite;

namespace Inbox.Bench;

/// <summary>After the server has stopped: what is really on disk, read-only.</summary>
public static class Database
{
    public sealed record Counts(long RunMessages, long DistinctRunMessages, long AllMessages, long Contacts, long Conversations, long Events, long FileBytes);

    public static Counts Read(string path, string tag)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var c = new SqliteConnection(builder.ToString());
        c.Open();
        long Scalar(string sql)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.Parameters.AddWithValue("$prefix", tag + "-%");
            return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        var bytes = new[] { "", "-wal" }.Select(s => new FileInfo(path + s)).Where(f => f.Exists).Sum(f => f.Length);
        return new Counts(
            Scalar("SELECT COUNT(*) FROM messages WHERE provider_message_id LIKE $prefix"),
            Scalar("SELECT COUNT(DISTINCT provider_message_id) FROM messages WHERE provider_message_id LIKE $prefix"),
            Scalar("SELECT COUNT(*) FROM messages"),
            Scalar("SELECT COUNT(*) FROM contacts"),
            Scalar("SELECT COUNT(*) FROM conversations"),
            Scalar("SELECT COUNT(*) FROM conversation_events"),
            bytes);
    }
}

/// <summary>The same counts on PostgreSQL (after the servers stopped); size is the database's on disk.</summary>
public static class PostgresDatabase
{
    public static Database.Counts Read(string connectionString, string tag)
    {
        using var c = new Npgsql.NpgsqlConnection(connectionString);
        c.Open();
        long Scalar(string sql)
        {
            using var cmd = new Npgsql.NpgsqlCommand(sql, c);
            cmd.Parameters.AddWithValue("prefix", tag + "-%");
            return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        return new Database.Counts(
            Scalar("SELECT COUNT(*) FROM messages WHERE provider_message_id LIKE @prefix"),
            Scalar("SELECT COUNT(DISTINCT provider_message_id) FROM messages WHERE provider_message_id LIKE @prefix"),
            Scalar("SELECT COUNT(*) FROM messages"),
            Scalar("SELECT COUNT(*) FROM contacts"),
            Scalar("SELECT COUNT(*) FROM conversations"),
            Scalar("SELECT COUNT(*) FROM conversation_events"),
            Scalar("SELECT pg_database_size(current_database())"));
    }
}
