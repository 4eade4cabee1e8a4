using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inbox.Server.Data;

/// <summary>Ready means the database answers and its schema is migrated.</summary>
public sealed class DatabaseHealthCheck(IDbConnectionFactory db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var c = await db.OpenAsync(ct);
            await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM users", cancellationToken: ct));
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer", ex);
        }
    }
}
