using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Nuzantara.ServiceDefaults.Metrics;

/// <summary>
/// A meter provider listens to meters by name across the whole process, so where two apps share a process (a test
/// host, an AppHost running services in-process) each would export the other's request metrics under its own name.
/// Meters made by an app's <see cref="IMeterFactory"/> carry that factory as their scope: a meter from another app's
/// factory is dropped. Process-wide meters (the runtime's, a static HttpClient's) have no factory and stay.
/// </summary>
internal static class OwnMetersView
{
    public static IServiceCollection ExportOnlyThisAppsMeters(this IServiceCollection services) =>
        services.ConfigureOpenTelemetryMeterProvider((provider, metrics) =>
        {
            var own = provider.GetRequiredService<IMeterFactory>();
            metrics.AddView(instrument =>
                instrument.Meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, own) ? MetricStreamConfiguration.Drop : null);
        });
}
