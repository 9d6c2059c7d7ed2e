using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Nuzantara.ServiceDefaults.Health;

/// <summary>
/// SELECT 1 on a pooled connection. Unlike AspNetCore.HealthChecks.NpgSql's check it clears the pool when the probe
/// fails: after PostgreSQL restarts, every idle pooled connection is dead, and handing them out one by one would fail
/// a request (and flip readiness) per dead connection.
/// </summary>
internal sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            dataSource.Clear();
            return new HealthCheckResult(context.Registration.FailureStatus, exception: exception);
        }
    }
}
