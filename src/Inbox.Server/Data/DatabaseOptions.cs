using System.ComponentModel.DataAnnotations;

namespace Inbox.Server.Data;

/// <summary>Section "Inbox:Database". SQLite (embedded, default) keeps its file under the data directory; PostgreSQL
/// needs a connection string and is what several nodes share.</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Inbox:Database";

    public const string SqliteProvider = "sqlite";
    public const string PostgresProvider = "postgres";

    /// <summary>"sqlite" (embedded, default) or "postgres".</summary>
    [RegularExpression("^(sqlite|postgres)$", ErrorMessage = "Inbox:Database:Provider must be 'sqlite' or 'postgres'.")]
    public string Provider { get; set; } = SqliteProvider;

    /// <summary>SQLite: empty = {DataDirectory}/inbox.db. PostgreSQL: required (Host=…;Database=…;Username=…;Password=…).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How many inbound messages the writer commits together at most.</summary>
    [Range(1, 10_000)]
    public int InboundBatchSize { get; set; } = 256;

    public bool IsPostgres => Provider == PostgresProvider;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsPostgres && string.IsNullOrWhiteSpace(ConnectionString))
            yield return new ValidationResult("Inbox:Database:ConnectionString is required when the provider is 'postgres'.", [nameof(ConnectionString)]);
    }
}
