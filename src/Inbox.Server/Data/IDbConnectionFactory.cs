using System.Data.Common;

namespace Inbox.Server.Data;

/// <summary>Opens ready-to-use connections; the one place that knows which database is behind Dapper.</summary>
public interface IDbConnectionFactory
{
    SqlDialect Dialect { get; }

    Task<DbConnection> OpenAsync(CancellationToken ct);
}
