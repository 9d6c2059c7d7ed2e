using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Nuzantara.ServiceDefaults.Health;

/// <summary>The last result of one dependency check and the probe in flight, shared by every caller of its endpoints.</summary>
internal sealed class SharedHealthCheckState(TimeProvider time)
{
    private readonly Lock _lock = new();
    private Task<HealthCheckResult>? _probe;
    private HealthCheckResult? _last;
    private DateTimeOffset _lastAt;
    private DateTimeOffset _probeStartedAt;

    /// <summary>The probe to wait for — a finished one while it is fresh, the one in flight, or a new one — and how long it has run.</summary>
    public (Task<HealthCheckResult> Probe, TimeSpan Running) CurrentOrStart(TimeSpan freshFor, Func<Task<HealthCheckResult>> start)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_probe is null || (_probe.IsCompleted && now - _lastAt >= freshFor))
            {
                _probeStartedAt = now;
                _probe = RecordAsync(start());
            }

            return (_probe, now - _probeStartedAt);
        }
    }

    /// <summary>The last finished result, if it is younger than <paramref name="maxAge"/>.</summary>
    public HealthCheckResult? LastResult(TimeSpan maxAge)
    {
        lock (_lock)
        {
            return _last is { } last && time.GetUtcNow() - _lastAt < maxAge ? last : null;
        }
    }

    private async Task<HealthCheckResult> RecordAsync(Task<HealthCheckResult> probe)
    {
        var result = await probe.ConfigureAwait(false);
        lock (_lock)
        {
            _last = result;
            _lastAt = time.GetUtcNow();
        }

        return result;
    }
}
