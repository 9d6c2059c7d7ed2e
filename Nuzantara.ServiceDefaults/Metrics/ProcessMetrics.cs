using System.Diagnostics.Metrics;

namespace Nuzantara.ServiceDefaults.Metrics;

/// <summary>
/// process_start_time_seconds, as Prometheus' client libraries and exporters expose it (the exporter appends the unit):
/// it changes when the service restarts, whoever restarts it, which is how ContainerRestarted sees restarts under
/// Compose and Kubernetes. OpenTelemetry's runtime instrumentation has no start time.
/// </summary>
internal sealed class ProcessMetrics
{
    /// <summary>Exported with Nuzantara's own meters (<c>Nuzantara.*</c>).</summary>
    private const string MeterName = "Nuzantara.Process";

    public ProcessMetrics(IMeterFactory meterFactory)
    {
        var startTime = new DateTimeOffset(ProcessStart.Utc).ToUnixTimeMilliseconds() / 1000.0;
        meterFactory.Create(MeterName).CreateObservableGauge("process_start_time", () => startTime, unit: "s",
            description: "Start time of the process since unix epoch in seconds.");
    }
}
