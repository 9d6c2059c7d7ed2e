using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nuzantara.Hosting.Dashboard.Telemetry;
using Nuzantara.Hosting.Orchestration;

namespace Nuzantara.AppHost.Tests;

/// <summary>
/// What `dotnet run --project Nuzantara.AppHost` promises, checked the same way in either runtime: the AppHost's real
/// definition on free ports, every resource healthy, every endpoint answering, a search as one trace across the three
/// services, Prometheus scraping every target, and nothing left behind once disposed.
/// </summary>
internal static class WholeStack
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    public static readonly string[] HealthyResources =
    [
        "redis", "postgres", "nuzantara", "backend", "python-backend", "orchestrator",
        "prometheus", "alertmanager", "node-exporter", "redis-exporter", "postgres-exporter",
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task WaitUntilHealthyAsync(DistributedApplication app)
    {
        foreach (var resource in HealthyResources)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, Token).WaitAsync(StartTimeout, Token);
        }
    }

    /// <summary>Every service and exporter answers; a document written through the gateway is found by a search that is one trace.</summary>
    public static async Task AssertEveryEndpointAnswersAsync(DistributedApplication app)
    {
        foreach (var service in new[] { "orchestrator", "backend", "python-backend" })
        {
            using var client = app.CreateHttpClient(service);
            // /health runs every check, some with timeouts and latency thresholds of their own: on two cores shared with other
            // test stacks one can miss its timeout (503) or be slow enough to read "degraded" (200) for a moment after the
            // resource turned ready, so the answer gets a few seconds to settle to healthy.
            var (status, body) = await Eventually.ReadAsync(async () =>
                {
                    using var health = await client.GetAsync("/health", Token);
                    return (health.StatusCode, await health.Content.ReadAsStringAsync(Token));
                },
                health => health.StatusCode == HttpStatusCode.OK && JsonDocument.Parse(health.Item2).RootElement.GetProperty("status").GetString() == "healthy",
                TimeSpan.FromSeconds(15),
                health => $"{service} /health answered {(int)health.StatusCode}: {health.Item2}; {Restarts(app)}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("healthy", JsonDocument.Parse(body).RootElement.GetProperty("status").GetString());

            // A user's request (the probes above are not counted), then its series; it is counted after its response went out.
            using (await client.GetAsync("/api/example", Token))
            {
            }

            await Eventually.ReadAsync(() => client.GetStringAsync("/metrics", Token), metrics => metrics.Contains("http_requests_total{", StringComparison.Ordinal),
                TimeSpan.FromSeconds(10), metrics => $"{service} /metrics has no http_requests_total series:\n{metrics}");
        }

        await AssertMetricAsync(app, "node-exporter", "node_cpu_seconds_total");
        await AssertMetricAsync(app, "redis-exporter", "redis_up 1");
        await AssertMetricAsync(app, "postgres-exporter", "pg_up 1");
        using (var alertmanager = app.CreateHttpClient("alertmanager"))
        {
            Assert.Equal(HttpStatusCode.OK, (await alertmanager.GetAsync("/-/ready", Token)).StatusCode);
        }

        await AssertSearchIsOneTraceAsync(app);
    }

    /// <summary>Polls Prometheus' view until <paramref name="settled"/> holds (60 s at most); returns each job's health.</summary>
    public static async Task<Dictionary<string, string>> ScrapedTargetsAsync(DistributedApplication app, Func<Dictionary<string, string>, bool> settled)
    {
        using var prometheus = app.CreateHttpClient("prometheus");
        return await Eventually.ReadAsync(async () =>
            {
                using var targets = JsonDocument.Parse(await prometheus.GetStringAsync("/api/v1/targets?state=active", Token));
                return targets.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
                    .ToDictionary(t => t.GetProperty("labels").GetProperty("job").GetString()!, t => t.GetProperty("health").GetString()!);
            },
            health => health.Count > 0 && settled(health), TimeSpan.FromSeconds(60),
            health => $"targets not settled: {string.Join(", ", health.Select(t => $"{t.Key}={t.Value}"))}");
    }

    /// <summary>Stops the application (Ctrl+C) and checks that no process it started lives and no port it used is held.</summary>
    public static async Task StopAndAssertNothingLeftAsync(DistributedApplication app, IDistributedApplicationTestingBuilder builder)
    {
        var processes = app.ResourceNotifications.GetSnapshots().Where(s => s.ProcessId is not null).Select(s => s.ProcessId!.Value).ToList();
        var ports = builder.Resources.SelectMany(r => r.Annotations.OfType<EndpointAnnotation>())
            .Where(e => e.AllocatedEndpoint is not null).Select(e => e.AllocatedEndpoint!.Port).ToList();
        await app.StopAsync(Token);

        Assert.All(processes, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"process {pid} still runs"));
        Assert.All(ports, port => Assert.Null(PortAllocator.PortHolder("127.0.0.1", port)));
    }

    /// <summary>Which resources have restarted, for a failure's message.</summary>
    private static string Restarts(DistributedApplication app) =>
        "restarts: " + string.Join(", ", app.ResourceNotifications.GetSnapshots().Where(s => s.RestartCount > 0).Select(s => $"{s.Name} ×{s.RestartCount}")) + ".";

    private static async Task AssertMetricAsync(DistributedApplication app, string resource, string expected)
    {
        using var client = app.CreateHttpClient(resource);
        Assert.Contains(expected, await client.GetStringAsync("/metrics", Token));
    }

    private static async Task AssertSearchIsOneTraceAsync(DistributedApplication app)
    {
        using var orchestrator = app.CreateHttpClient("orchestrator");
        var word = $"w{Guid.NewGuid():N}"[..12];
        using (var created = await orchestrator.PostAsJsonAsync("/api/documents", new { title = $"{word} stack", body = $"{word} in both runtimes", tags = new[] { "stack" } }, Token))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/search?q={word}&limit=5");
        request.Headers.Add("traceparent", $"00-{traceId}-{new string('1', 16)}-01");
        using var response = await orchestrator.SendAsync(request, Token);
        var search = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", search.GetProperty("ranking").GetString());
        Assert.Single(search.GetProperty("results").EnumerateArray());

        var telemetry = app.Services.GetRequiredService<TelemetryStore>();
        string[] services = ["orchestrator", "backend", "python-backend"];
        await Eventually.ReadAsync(() => Task.FromResult(telemetry.GetTrace(traceId)),
            spans => services.All(name => spans.Any(s => s.Service == name && s.Kind == "Server")), TimeSpan.FromSeconds(30),
            spans => $"trace {traceId} incomplete: {string.Join(", ", spans.Select(s => $"{s.Service}:{s.Name}"))}");
    }
}
