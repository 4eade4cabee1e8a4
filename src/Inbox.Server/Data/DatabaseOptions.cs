using System.ComponentModel.DataAnnotations;

namespace Inbox.Server.Data;

/// <summary>Section "Inbox:Database". Empty connection string = embedded SQLite file under the data directory.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Inbox:Database";

    /// <summary>"sqlite" (embedded, default). PostgreSQL arrives with the scale-out work.</summary>
    [RegularExpression("^(sqlite)$", ErrorMessage = "Inbox:Database:Provider must be 'sqlite'.")]
    public string Provider { get; set; } = "sqlite";

    public string? ConnectionString { get; set; }

    /// <summary>How many inbound messages the writer commits together at most.</summary>
    [Range(1, 10_000)]
    public int InboundBatchSize { get; set; } = 256;
}
