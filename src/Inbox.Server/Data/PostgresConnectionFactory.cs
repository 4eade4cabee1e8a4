using System.Data.Common;
using Npgsql;

namespace Inbox.Server.Data;

/// <summary>PostgreSQL through one pooled <see cref="NpgsqlDataSource"/>; every node of a scale-out shares the database.</summary>
public sealed class PostgresConnectionFactory(string connectionString) : IDbConnectionFactory, IDisposable
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    public SqlDialect Dialect => SqlDialect.Postgres;

    public string ConnectionString { get; } = connectionString;

    public async Task<DbConnection> OpenAsync(CancellationToken ct) => await _source.OpenConnectionAsync(ct);

    public void Dispose() => _source.Dispose();
}
