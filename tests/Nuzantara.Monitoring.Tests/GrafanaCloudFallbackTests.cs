using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nuzantara.Hosting.Dashboard.Telemetry;
using Nuzantara.Hosting.Monitoring;
using Nuzantara.Tests;

namespace Nuzantara.Monitoring.Tests;

/// <summary>
/// The issue's scenario end to end: Grafana Cloud's settings set where Grafana Alloy cannot be had (no container
/// engine, no Grafana apt repository), Grafana Cloud's endpoints played by stand-ins on loopback (a real Prometheus
/// receiving remote writes, an OTLP gateway recording requests). The stack starts on the direct path, the metrics and
/// traces reach both Grafana Cloud and the AppHost's dashboard, and the API key is in no file but its 0600 one and in
/// no log.
/// </summary>
[Collection(OwnStackCollection.Name)]
public sealed class GrafanaCloudFallbackTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(60);

    private static readonly string[] Resources =
    [
        "redis", "postgres", "backend", "python-backend", "orchestrator",
        "prometheus", "alertmanager", "node-exporter", "redis-exporter", "postgres-exporter",
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_Alloy_the_stack_starts_and_ships_metrics_and_traces_to_Grafana_Cloud_and_the_dashboard()
    {
        var apiKey = $"glc_{Guid.NewGuid():N}";
        const string Username = "123456";
        await using var otlp = await OtlpStandIn.StartAsync(Token);
        await using var remoteWrite = await RemoteWriteReceiver.StartAsync(Token);
        string[] args =
        [
            .. AlertPath.FastAlerting,
            $"--GRAFANA_USERNAME={Username}",
            $"--GRAFANA_API_KEY={apiKey}",
            $"--GRAFANA_PROMETHEUS_URL={remoteWrite.WriteUrl}",
            $"--GRAFANA_OTLP_URL={otlp.BaseUrl}",
        ];
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Nuzantara_AppHost>(args, Token);
        // The scenario needs a machine without Alloy; where it can be had, the AppHost rightly runs it instead.
        Assert.SkipWhen(GrafanaAlloyAvailability.WhyUnavailable(builder.Configuration, Hosting.GrafanaAlloyBuilderExtensions.Image) is null,
            "Grafana Alloy can be had here");
        var logs = new CapturedLogs();
        builder.Services.AddLogging(logging => logging.AddProvider(logs));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(StartTimeout);
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        foreach (var resource in Resources)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }

        using var orchestrator = app.CreateHttpClient("orchestrator");
        async Task<T> WithTrafficAsync<T>(Func<T> read)
        {
            (await orchestrator.GetAsync("/api/example", Token)).Dispose();
            return read();
        }

        // Grafana Cloud's Prometheus: the local Prometheus' series, with its service labels, remote-written.
        await Eventually.ReadAsync(async () => await WithTrafficAsync(() => remoteWrite.QueryAsync("http_requests_total{service=\"orchestrator\"}")).Unwrap(),
            series => series.Count > 0, ArrivalTimeout, series => "no http_requests_total{service=\"orchestrator\"} at the remote-write receiver");
        // Remote write sends in batches: the backend's up can come a batch after the orchestrator's requests.
        await Eventually.ReadAsync(() => remoteWrite.QueryAsync("up"), up => up.Any(s => s.GetValueOrDefault("service") == "backend"), ArrivalTimeout,
            up => $"no up{{service=\"backend\"}} at the remote-write receiver, only [{string.Join(", ", up.Select(s => s.GetValueOrDefault("service")))}]");

        // Grafana Cloud's OTLP gateway: traces and metrics, each with the stack's basic auth.
        var basic = $"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{apiKey}"))}";
        var received = await Eventually.ReadAsync(() => WithTrafficAsync(() => otlp.Requests),
            requests => requests.Any(r => r.Signal == "traces") && requests.Any(r => r.Signal == "metrics"), ArrivalTimeout,
            requests => $"the OTLP stand-in got only [{string.Join(", ", requests.Select(r => r.Signal).Distinct())}]");
        Assert.All(received, r => Assert.Equal(basic, r.Authorization));
        Assert.All(received, r => Assert.True(r.Length > 0, $"empty {r.Signal} body"));

        // The AppHost's dashboard still has them (fan-out, not a redirect). Each service exports on its own schedule, so
        // the stand-in's first traces can be another service's: the orchestrator's may be a batch behind.
        var telemetry = app.Services.GetRequiredService<TelemetryStore>();
        await Eventually.ReadAsync(() => WithTrafficAsync(() => telemetry.GetTraces(spans => spans.Any(s => s.Service == "orchestrator"))),
            traces => traces.Count > 0, ArrivalTimeout, _ => "no orchestrator trace on the dashboard");
        await Eventually.ReadAsync(() => Task.FromResult(telemetry.GetMetricPoints(p => p.Service == "backend")),
            points => points.Count > 0, ArrivalTimeout, _ => "no backend metric point on the dashboard");

        // One warning says what happens, and the key is in no log and no file but Prometheus' 0600 password file.
        var warning = Assert.Single(logs.Entries, e => e.Message.Contains("Grafana Alloy", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.StartsWith("Grafana Alloy is not installable here (", warning.Message);
        Assert.Contains("Prometheus remote-writes metrics to GRAFANA_PROMETHEUS_URL and the AppHost forwards OTLP to GRAFANA_OTLP_URL; host logs are not shipped", warning.Message);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(apiKey, StringComparison.Ordinal));
        var prometheusYaml = Assert.Single(Directory.EnumerateFiles(builder.StateDirectory, "prometheus.yml", SearchOption.AllDirectories));
        Assert.Contains("password_file:", await File.ReadAllTextAsync(prometheusYaml, Token));
        var holders = FilesContaining(builder.StateDirectory, apiKey);
        var passwordFile = Assert.Single(holders);
        Assert.Equal("grafana-cloud-password", Path.GetFileName(passwordFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(passwordFile));
    }

    private static List<string> FilesContaining(string directory, string value)
    {
        var needle = Encoding.UTF8.GetBytes(value);
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }))
        {
            try
            {
                if (File.ReadAllBytes(file).AsSpan().IndexOf(needle) >= 0)
                {
                    found.Add(file);
                }
            }
            catch (IOException)
            {
                // Sockets and files that vanish while read (a database's temporary files) hold nothing of ours.
            }
        }

        return found;
    }
}
