namespace Inbox.Server.Data;

/// <summary>The only SQL that differs between SQLite and PostgreSQL; everything else is written portably.</summary>
public sealed record SqlDialect(string Name, string LockForUpdate, string SerializeEventAppends)
{
    /// <summary>SQLite serialises writers at BEGIN IMMEDIATE, so rows need no explicit lock, and a transaction's event
    /// ids are visible in the order they were assigned.</summary>
    public static readonly SqlDialect Sqlite = new("sqlite", "", "");

    /// <summary>PostgreSQL under READ COMMITTED: lock what is read to be updated; identity values are handed out at
    /// insert, not commit, so transactions that append events take one advisory lock and commit in id order.</summary>
    public static readonly SqlDialect Postgres = new("postgres", "FOR UPDATE", $"SELECT pg_advisory_xact_lock({EventAppendLock})");

    /// <summary>Membership in a list parameter. Dapper expands <c>IN @Ids</c> into one parameter per item, but hands
    /// PostgreSQL the list as one array, which needs <c>= ANY(@Ids)</c>.</summary>
    public string In(string listParameter) => Name == "postgres" ? $"= ANY({listParameter})" : $"IN {listParameter}";

    /// <summary>The advisory lock key every event-appending transaction holds until it commits.</summary>
    public const long EventAppendLock = 0x1A0B0C5E;

    /// <summary>Is this exception a unique-constraint violation (caught to re-read instead of check-then-insert)?</summary>
    public static bool IsUniqueViolation(Exception ex) => ex switch
    {
        Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 } => true,
        Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } => true,
        _ => false,
    };
}
