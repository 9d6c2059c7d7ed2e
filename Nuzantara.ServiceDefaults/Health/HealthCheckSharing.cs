using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Nuzantara.ServiceDefaults.Health;

/// <summary>Wraps every dependency check (all but the liveness ones) in a <see cref="SharedHealthCheck"/>.</summary>
internal sealed class HealthCheckSharing(IOptions<SharedHealthCheckOptions> options) : IPostConfigureOptions<HealthCheckServiceOptions>
{
    private static readonly TimeSpan DefaultProbeTimeout = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, SharedHealthCheckState> _states = new();

    public void PostConfigure(string? name, HealthCheckServiceOptions healthChecks)
    {
        foreach (var registration in healthChecks.Registrations.Where(r => !r.Tags.Contains(HealthTags.Live)))
        {
            var create = registration.Factory;
            var probeTimeout = registration.Timeout > TimeSpan.Zero ? registration.Timeout : DefaultProbeTimeout;
            var state = _states.GetOrAdd(registration.Name, _ => new SharedHealthCheckState(TimeProvider.System));
            registration.Factory = services => new SharedHealthCheck(create(services), state, options.Value, probeTimeout);
            // The shared check answers within its budget; the service's own timeout would only cut that short.
            registration.Timeout = Timeout.InfiniteTimeSpan;
        }
    }
}
