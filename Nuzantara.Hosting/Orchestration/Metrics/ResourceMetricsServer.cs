using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace Nuzantara.Hosting.Orchestration.Metrics;

/// <summary>
/// The AppHost's own <c>/metrics</c> on the dashboard port: per-resource up, CPU, memory, restarts and start time.
/// In the process runtime this is what cAdvisor is under a container engine, and what ContainerRestarted alerts on.
/// </summary>
internal sealed class ResourceMetricsServer(HostingOptions options, ResourceNotificationService notifications, ILogger<ResourceMetricsServer> logger) : IHostedService, IDisposable
{
    public const string MeterName = "Nuzantara.Hosting.Resources";

    private WebApplication? _app;
    private Meter? _meter;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{options.BindAddress}:{options.DashboardPort}");
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(MeterName).AddPrometheusExporter());
        _app = builder.Build();
        _app.MapPrometheusScrapingEndpoint("/metrics");

        _meter = _app.Services.GetRequiredService<IMeterFactory>().Create(MeterName);
        _meter.CreateObservableGauge("nuzantara.resource.up", () => Observe(s => s.IsHealthy ? 1 : 0), description: "1 when the resource runs and passes its health checks.");
        _meter.CreateObservableCounter("nuzantara.resource.restarts", () => Observe(s => s.RestartCount), description: "Restarts after the resource exited unexpectedly.");
        _meter.CreateObservableGauge("nuzantara.resource.start_time", () => Observe(s => s.StartedAt?.ToUnixTimeMilliseconds() / 1000.0 ?? 0), unit: "s", description: "When the resource's current process started.");
        _meter.CreateObservableCounter("nuzantara.resource.cpu", () => ObserveUsage(u => u.CpuSeconds), unit: "s", description: "CPU time of the resource's process group.");
        _meter.CreateObservableGauge("nuzantara.resource.memory.resident", () => ObserveUsage(u => (double)u.ResidentBytes), unit: "By", description: "Resident memory of the resource's process group.");

        try
        {
            await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new DistributedApplicationException(
                $"The AppHost's metrics and dashboard port {options.DashboardPort} on {options.BindAddress} is already in use. " +
                "Stop the process that holds it (another AppHost?) or choose another with --Nuzantara:DashboardPort=<port>.", ex);
        }

        logger.LogDebug("Resource metrics at http://{Address}:{Port}/metrics", options.BindAddress, options.DashboardPort);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _meter?.Dispose();
        (_app as IDisposable)?.Dispose();
    }

    private IEnumerable<Measurement<T>> Observe<T>(Func<ResourceSnapshot, T> value) where T : struct =>
        notifications.GetSnapshots().Select(s => new Measurement<T>(value(s), Tags(s)));

    private IEnumerable<Measurement<double>> ObserveUsage(Func<(double CpuSeconds, long ResidentBytes), double> value) =>
        notifications.GetSnapshots()
            .Where(s => s.ProcessId is not null)
            .Select(s => new Measurement<double>(value(ProcessGroupUsage.Read(s.ProcessId!.Value)), Tags(s)));

    private static KeyValuePair<string, object?>[] Tags(ResourceSnapshot snapshot) =>
        [new("resource", snapshot.Name), new("resource_type", snapshot.ResourceType)];
}
