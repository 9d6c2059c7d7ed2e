using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Nuzantara.Hosting.Orchestration.Health;

/// <summary>
/// The health of a custom resource, which no runner watches: each time its code publishes it Running, its health checks
/// run (every 200 ms until healthy, then every 5 s) while it stays Running; without checks it is healthy while Running.
/// Its first healthy moment raises <see cref="ResourceReadyEvent"/>, so WaitFor on it works as on any resource.
/// </summary>
internal sealed class CustomResourceHealth(
    IResource resource,
    ResourceNotificationService notifications,
    HealthCheckService healthChecks,
    IDistributedApplicationEventing eventing,
    IServiceProvider services,
    ILogger logger)
{
    private readonly HashSet<string> _healthCheckKeys = resource.OfAnnotation<HealthCheckAnnotation>().Select(h => h.Key).ToHashSet();
    private bool _ready;

    public async Task WatchAsync(CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await notifications.WaitForResourceAsync(resource.Name, KnownResourceStates.Running, stopping).ConfigureAwait(false);
                await CheckWhileRunningAsync(stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Checking the health of custom resource {Resource} failed", resource.Name);
        }
    }

    private async Task CheckWhileRunningAsync(CancellationToken stopping)
    {
        while (IsRunning())
        {
            var (status, reason) = await CheckAsync(stopping).ConfigureAwait(false);
            var previous = notifications.GetSnapshot(resource.Name);
            if (IsRunning() && (previous?.HealthStatus != status || (_healthCheckKeys.Count > 0 && previous.StateReason != reason)))
            {
                notifications.PublishUpdate(resource, s => _healthCheckKeys.Count > 0 ? s with { HealthStatus = status, StateReason = reason } : s with { HealthStatus = status });
            }

            if (status == HealthStatus.Healthy && !_ready)
            {
                _ready = true;
                await eventing.PublishAsync(new ResourceReadyEvent(resource, services), stopping).ConfigureAwait(false);
            }

            if (_healthCheckKeys.Count == 0)
            {
                // Nothing to poll: wait for the resource's code to publish another state.
                await notifications.WaitForResourceAsync(resource.Name, e => e.Snapshot.State?.Text != KnownResourceStates.Running, stopping).ConfigureAwait(false);
                return;
            }

            await Task.Delay(status == HealthStatus.Healthy ? TimeSpan.FromSeconds(5) : TimeSpan.FromMilliseconds(200), stopping).ConfigureAwait(false);
        }
    }

    private async Task<(HealthStatus Status, string? Reason)> CheckAsync(CancellationToken stopping)
    {
        if (_healthCheckKeys.Count == 0)
        {
            return (HealthStatus.Healthy, null);
        }

        var report = await healthChecks.CheckHealthAsync(r => _healthCheckKeys.Contains(r.Name), stopping).ConfigureAwait(false);
        var reason = report.Status == HealthStatus.Healthy ? null : string.Join("; ", report.Entries.Values.Select(e => e.Description).Where(d => d is not null));
        return (report.Status, reason);
    }

    private bool IsRunning() => notifications.GetSnapshot(resource.Name)?.State?.Text == KnownResourceStates.Running;
}
