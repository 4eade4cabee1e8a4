namespace Inbox.Server.Data;

/// <summary>
/// Ids of contacts and conversations are never handed out twice. PostgreSQL's identity columns never reuse a value;
/// SQLite gives MAX(id) + 1, so a deleted newest row (merge, erasure, retention) would lend its id to the next customer.
/// There the insert names its id: above both the newest row and the highest id ever deleted (id_high_water, kept by
/// triggers of migration 0018). SQLite has one writer at a time, so the read and the insert cannot interleave.
/// </summary>
public static class StableIds
{
    /// <summary>The value for the <c>id</c> column of an INSERT into <paramref name="table"/> (a constant name).</summary>
    public static string NextId(SqlDialect dialect, string table) => dialect == SqlDialect.Postgres
        ? "DEFAULT"
        : $"(SELECT MAX(n) + 1 FROM (SELECT COALESCE(MAX(id), 0) AS n FROM {table} UNION ALL SELECT last_id FROM id_high_water WHERE table_name = '{table}'))";
}
