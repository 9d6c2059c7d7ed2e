using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nuzantara.Hosting.Monitoring;
using Nuzantara.Hosting.Orchestration;
using Nuzantara.Tests;

namespace Nuzantara.Monitoring.Tests;

/// <summary>
/// The direct path's OTLP forwarder, as the AppHost registers it, against a Grafana Cloud that cannot be reached: it
/// never throws at the receiver, drops what it cannot send or hold, counts the drops and keeps running.
/// </summary>
public sealed class OtlpForwarderTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unreachable_Grafana_Cloud_costs_dropped_and_counted_exports_never_the_AppHost()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Nuzantara_AppHost>(
        [
            "--GRAFANA_USERNAME=123456",
            "--GRAFANA_API_KEY=glc_forwarder_secret",
            "--GRAFANA_PROMETHEUS_URL=http://127.0.0.1:9/api/v1/write",
            $"--GRAFANA_OTLP_URL=http://127.0.0.1:{PortAllocator.FreePort()}/otlp",
            "--Nuzantara:GrafanaCloud:Forwarder=direct",
            "--Nuzantara:GrafanaCloud:QueueCapacity=1",
        ], Token);
        var logs = new CapturedLogs();
        builder.Services.AddLogging(logging => logging.AddProvider(logs)).AddSingleton<IConfiguration>(builder.Configuration);
        await using var services = builder.Services.BuildServiceProvider();
        long dropped = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == OtlpForwarder.DroppedCounterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref dropped, value));
        listener.Start();
        var forwarder = services.GetRequiredService<OtlpForwarder>();
        await forwarder.StartAsync(Token);

        // One is taken off the queue and sent (refused, retried, dropped), one waits, the rest do not fit.
        for (var i = 0; i < 20; i++)
        {
            forwarder.Enqueue("traces", [0x0a, 0x00], "application/x-protobuf");
        }

        Assert.InRange(Interlocked.Read(ref dropped), 18, 19);
        await Eventually.ReadAsync(() => Task.FromResult(Interlocked.Read(ref dropped)), count => count == 20, TimeSpan.FromSeconds(60),
            count => $"{count} of 20 exports counted as dropped");
        Assert.False(forwarder.ExecuteTask!.IsCompleted, "the forwarder stopped");
        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("OTLP traces not forwarded to http://127.0.0.1:", warning.Message);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("glc_forwarder_secret", StringComparison.Ordinal));
        await forwarder.StopAsync(Token);
    }
}
