namespace Inbox.Server.Data;

/// <summary>The only SQL that differs between SQLite and PostgreSQL; everything else is written portably.</summary>
public sealed record SqlDialect(string Name, string LockForUpdate)
{
    /// <summary>SQLite serialises writers at BEGIN IMMEDIATE, so rows need no explicit lock.</summary>
    public static readonly SqlDialect Sqlite = new("sqlite", "");

    /// <summary>Is this exception a unique-constraint violation (caught to re-read instead of check-then-insert)?</summary>
    public static bool IsUniqueViolation(Exception ex) =>
        ex is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };
}
