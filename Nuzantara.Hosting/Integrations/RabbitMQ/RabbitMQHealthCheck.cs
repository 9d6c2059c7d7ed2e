using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Nuzantara.Hosting.Orchestration.Health;

/// <summary>
/// Healthy when an AMQP connection opens with the resource's connection string, as Aspire's check does: the port
/// alone opens before the broker accepts logins.
/// </summary>
internal sealed class RabbitMQHealthCheck(RabbitMQServerResource rabbitMQ) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var factory = new ConnectionFactory
            {
                Uri = new Uri((await rabbitMQ.ConnectionStringExpression.GetValueAsync(cancellationToken).ConfigureAwait(false))!),
                RequestedConnectionTimeout = TimeSpan.FromSeconds(3),
                AutomaticRecoveryEnabled = false,
                ClientProvidedName = "nuzantara-health-check",
            };
            var connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await connection.CloseAsync(cancellationToken).ConfigureAwait(false);
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is BrokerUnreachableException or OperationInterruptedException or IOException or TimeoutException)
        {
            // The message names the endpoint and the AMQP failure; the URI, which holds the password, is not in it.
            return HealthCheckResult.Unhealthy($"No AMQP connection to {rabbitMQ.PrimaryEndpoint.Host}:{rabbitMQ.PrimaryEndpoint.Port}: {(ex.InnerException ?? ex).Message}");
        }
    }
}
