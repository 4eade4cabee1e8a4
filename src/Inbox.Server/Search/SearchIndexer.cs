using Dapper;
using Inbox.Server.Data;

namespace Inbox.Server.Search;

/// <summary>
/// Adds new messages to SQLite's full-text index behind the inbound writer (migration 0027), up to
/// <see cref="Batch"/> a transaction: FTS5 writes a segment per transaction, so indexing a thousand at once costs about
/// half of indexing them in the writer's batches, and the writer no longer pays for it. Messages above the watermark
/// are matched by <see cref="MessageSearch"/> directly, so nothing waits for this to be found. PostgreSQL indexes in
/// its own way (a generated column and GIN's pending list) and needs none of it.
/// </summary>
public sealed partial class SearchIndexer(IDbConnectionFactory db, TimeProvider time, ILogger<SearchIndexer> logger) : BackgroundService
{
    public const int Batch = 1_000;
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (db.Dialect != SqlDialect.Sqlite) return;
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                try
                {
                    while (await IndexNextAsync(stoppingToken) == Batch) { }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Search keeps working from the messages themselves meanwhile; a lasting fault is logged every few seconds.
                    LogFailed(ex);
                    await Task.Delay(RetryAfterFailure, time, stoppingToken);
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Indexes the next messages above the watermark, at most <see cref="Batch"/>; how many it indexed.</summary>
    public async Task<int> IndexNextAsync(CancellationToken ct)
    {
        if (db.Dialect != SqlDialect.Sqlite) return 0;
        await using var c = await db.OpenAsync(ct);
        // Looked at outside a write transaction first, so an idle server never takes the write lock for nothing.
        if (!await c.ExecuteScalarAsync<bool>(new CommandDefinition(AnyNewSql, cancellationToken: ct))) return 0;

        // The index can be rebuilt from messages, so its commits need not wait for the disk: a crash loses the batch and
        // its watermark together, and the writer's next FULL commit syncs them anyway.
        await c.ExecuteAsync(new CommandDefinition("PRAGMA synchronous=NORMAL", cancellationToken: ct));
        await using var tx = await c.BeginTransactionAsync(ct);
        var from = await c.ExecuteScalarAsync<long>(new CommandDefinition(WatermarkSql, transaction: tx, cancellationToken: ct));
        var (count, to) = await c.QuerySingleAsync<(int, long)>(new CommandDefinition(NextRangeSql, new { From = from, Batch }, tx, cancellationToken: ct));
        if (count == 0) return 0;
        await c.ExecuteAsync(new CommandDefinition(IndexRangeSql, new { From = from, To = to }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return count;
    }

    private const string AnyNewSql =
        "SELECT EXISTS (SELECT 1 FROM messages WHERE id > (SELECT last_id FROM search_index_state WHERE id = 1))";

    /// <summary>Messages with an id at most this are in the index (<see cref="MessageSearch"/> reads it too).</summary>
    internal const string WatermarkSql = "SELECT last_id FROM search_index_state WHERE id = 1";

    private const string NextRangeSql =
        "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM (SELECT id FROM messages WHERE id > @From ORDER BY id LIMIT @Batch)";

    private const string IndexRangeSql = """
        INSERT INTO messages_fts (rowid, text) SELECT id, text FROM messages WHERE id > @From AND id <= @To;
        UPDATE search_index_state SET last_id = @To WHERE id = 1;
        """;

    [LoggerMessage(Level = LogLevel.Error, Message = "Adding messages to the search index failed")]
    private partial void LogFailed(Exception ex);
}
