using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Nuzantara.ServiceDefaults.Health;

/// <summary>
/// Answers every caller of the same health endpoint with one report for <see cref="SharedHealthCheckOptions.ReportFreshFor"/>.
/// The checks themselves are already shared (<see cref="SharedHealthCheck"/>); what this saves is the health check
/// service's own work per call — a DI scope, a task per check, the report — which a profile of /health under load
/// showed among its largest costs (bench/BENCHMARKS.md, part 3).
/// </summary>
internal sealed class CachedHealthCheckService(HealthCheckService inner, IOptions<SharedHealthCheckOptions> options, TimeProvider time)
    : HealthCheckService
{
    private static readonly object AllChecks = new();

    // Keyed by the endpoint's predicate and held weakly: a caller passing a new predicate each time leaves nothing behind.
    private readonly ConditionalWeakTable<object, StrongBox<Report?>> _reports = new();

    /// <summary>Wraps the service AddHealthChecks registered, which the health endpoints then get.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Single(d => d.ServiceType == typeof(HealthCheckService));
        services.Remove(registered);
        services.AddSingleton<HealthCheckService>(provider => new CachedHealthCheckService(
            (HealthCheckService)ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!),
            provider.GetRequiredService<IOptions<SharedHealthCheckOptions>>(),
            TimeProvider.System));
    }

    public override async Task<HealthReport> CheckHealthAsync(Func<HealthCheckRegistration, bool>? predicate, CancellationToken cancellationToken = default)
    {
        var slot = _reports.GetValue(predicate ?? AllChecks, _ => new StrongBox<Report?>());
        var startedAt = time.GetTimestamp();
        if (slot.Value is { } last && time.GetElapsedTime(last.StartedAt, startedAt) < options.Value.ReportFreshFor)
        {
            return last.Value;
        }

        var report = await inner.CheckHealthAsync(predicate, cancellationToken);
        slot.Value = new Report(report, startedAt);
        return report;
    }

    private sealed record Report(HealthReport Value, long StartedAt);
}
