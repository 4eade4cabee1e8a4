using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Inbox.Bench;

/// <summary>
/// The naive design's ceiling, measured in the same run: a bare loop that inserts one message row per transaction
/// and commits it, into a copy of the server's database (same schema and indexes, same size), with the server's
/// durability (WAL, synchronous=FULL). The product should beat it by batching commits.
/// </summary>
public static class Ceiling
{
    public sealed record Result(int Messages, double Seconds)
    {
        public double Rate => Messages / Math.Max(Seconds, 1e-9);
    }

    /// <summary>Up to <paramref name="count"/> commits or <paramref name="budget"/> of time, whichever comes first.</summary>
    public static Result Measure(string serverDatabase, string workDirectory, int count, TimeSpan budget)
    {
        var copy = Path.Combine(workDirectory, "ceiling.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(copy + suffix);
            if (File.Exists(serverDatabase + suffix)) File.Copy(serverDatabase + suffix, copy + suffix);
        }
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString());
        c.Open();
        Exec(c, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;");
        long conversation, channel, identity;
        using (var pick = c.CreateCommand())
        {
            pick.CommandText = "SELECT conversation_id, channel_id, identity_id FROM messages WHERE direction = 'inbound' ORDER BY id DESC LIMIT 1";
            using var r = pick.ExecuteReader();
            if (!r.Read()) throw new InvalidOperationException("The server stored no inbound message to copy the shape of");
            (conversation, channel, identity) = (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2));
        }

        // The server's own inbound INSERT (Messaging/MessageStore.InsertInboundSql), prepared once.
        using var insert = c.CreateCommand();
        insert.CommandText = """
            INSERT INTO messages (conversation_id, channel_id, identity_id, direction, text, is_private, provider_message_id, status, created_at, updated_at)
            VALUES ($conversation, $channel, $identity, 'inbound', $text, 0, $provider, 'received', $now, $now)
            ON CONFLICT DO NOTHING
            RETURNING id
            """;
        var pConversation = insert.Parameters.AddWithValue("$conversation", conversation);
        var pChannel = insert.Parameters.AddWithValue("$channel", channel);
        var pIdentity = insert.Parameters.AddWithValue("$identity", identity);
        var pText = insert.Parameters.AddWithValue("$text", "");
        var pProvider = insert.Parameters.AddWithValue("$provider", "");
        var pNow = insert.Parameters.AddWithValue("$now", "");
        insert.Prepare();

        var text = new string('x', 80);
        var clock = Stopwatch.StartNew();
        var done = 0;
        for (; done < count && clock.Elapsed < budget; done++)
        {
            var i = done;
            using var tx = c.BeginTransaction();
            insert.Transaction = tx;
            pText.Value = text;
            pProvider.Value = "ceiling-" + i.ToString(CultureInfo.InvariantCulture);
            pNow.Value = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            insert.ExecuteScalar();
            tx.Commit();
        }
        var seconds = clock.Elapsed.TotalSeconds;
        c.Close();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(copy + suffix);
        return new Result(done, seconds);
    }

    private static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}

/// <summary>The same ceiling on PostgreSQL: the server's inbound INSERT, one row per transaction, committed with the
/// server's durability (synchronous_commit on), into the server's own database; the rows are deleted afterwards.</summary>
public static class PostgresCeiling
{
    public static Ceiling.Result Measure(string connectionString, int count, TimeSpan budget)
    {
        using var c = new Npgsql.NpgsqlConnection(connectionString);
        c.Open();
        long conversation, channel, identity;
        using (var pick = new Npgsql.NpgsqlCommand("SELECT conversation_id, channel_id, identity_id FROM messages WHERE direction = 'inbound' ORDER BY id DESC LIMIT 1", c))
        using (var r = pick.ExecuteReader())
        {
            if (!r.Read()) throw new InvalidOperationException("The server stored no inbound message to copy the shape of");
            (conversation, channel, identity) = (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2));
        }
        var prefix = "ceiling-" + Guid.NewGuid().ToString("N")[..8] + "-";
        using var insert = new Npgsql.NpgsqlCommand("""
            INSERT INTO messages (conversation_id, channel_id, identity_id, direction, text, is_private, provider_message_id, status, created_at, updated_at)
            VALUES (@conversation, @channel, @identity, 'inbound', @text, FALSE, @provider, 'received', @now, @now)
            ON CONFLICT DO NOTHING
            RETURNING id
            """, c);
        insert.Parameters.AddWithValue("conversation", conversation);
        insert.Parameters.AddWithValue("channel", channel);
        insert.Parameters.AddWithValue("identity", identity);
        var pText = insert.Parameters.AddWithValue("text", new string('x', 80));
        var pProvider = insert.Parameters.AddWithValue("provider", "");
        var pNow = insert.Parameters.AddWithValue("now", DateTimeOffset.UtcNow);
        insert.Prepare();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var done = 0;
        for (; done < count && clock.Elapsed < budget; done++)
        {
            using var tx = c.BeginTransaction();
            insert.Transaction = tx;
            pProvider.Value = prefix + done.ToString(System.Globalization.CultureInfo.InvariantCulture);
            pNow.Value = DateTimeOffset.UtcNow;
            insert.ExecuteScalar();
            tx.Commit();
        }
        var seconds = clock.Elapsed.TotalSeconds;
        using (var clean = new Npgsql.NpgsqlCommand("DELETE FROM messages WHERE provider_message_id LIKE @p", c))
        {
            clean.Parameters.AddWithValue("p", prefix + "%");
            clean.ExecuteNonQuery();
        }
        return new Ceiling.Result(done, seconds);
    }
}
