using System.Diagnostics.Metrics;

namespace Nuzantara.Hosting.Dashboard;

/// <summary>
/// Per-resource up, CPU, memory, restarts and start time on the AppHost's <c>/metrics</c>. In the process runtime this
/// is what cAdvisor is under a container engine, and what ContainerRestarted alerts on.
/// </summary>
internal sealed class ResourceMetrics : IDisposable
{
    public const string MeterName = "Nuzantara.Hosting.Resources";

    private readonly Meter _meter;
    private readonly ResourceNotificationService _notifications;

    public ResourceMetrics(IMeterFactory meterFactory, ResourceNotificationService notifications)
    {
        _notifications = notifications;
        _meter = meterFactory.Create(MeterName);
        _meter.CreateObservableGauge("nuzantara.resource.up", () => Observe(s => s.IsHealthy ? 1 : 0), description: "1 when the resource runs and passes its health checks.");
        _meter.CreateObservableCounter("nuzantara.resource.restarts", () => Observe(s => s.RestartCount), description: "Restarts after the resource exited unexpectedly.");
        _meter.CreateObservableGauge("nuzantara.resource.start_time", () => Observe(s => s.StartedAt?.ToUnixTimeMilliseconds() / 1000.0 ?? 0), unit: "s", description: "When the resource's current process started.");
        _meter.CreateObservableCounter("nuzantara.resource.cpu", () => ObserveUsage(u => u.CpuSeconds), unit: "s", description: "CPU time of the resource's process group.");
        _meter.CreateObservableGauge("nuzantara.resource.memory.resident", () => ObserveUsage(u => (double)u.ResidentBytes), unit: "By", description: "Resident memory of the resource's process group.");
    }

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<T>> Observe<T>(Func<CustomResourceSnapshot, T> value) where T : struct =>
        _notifications.GetSnapshots().Select(s => new Measurement<T>(value(s), Tags(s)));

    private IEnumerable<Measurement<double>> ObserveUsage(Func<(double CpuSeconds, long ResidentBytes), double> value) =>
        _notifications.GetSnapshots()
            .Where(s => s.ProcessId is not null)
            .Select(s => new Measurement<double>(value(ProcessGroupUsage.Read(s.ProcessId!.Value)), Tags(s)));

    private static KeyValuePair<string, object?>[] Tags(CustomResourceSnapshot snapshot) =>
        [new("resource", snapshot.Name), new("resource_type", snapshot.ResourceType)];
}
