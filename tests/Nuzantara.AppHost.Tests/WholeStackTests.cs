using System.Net;
using System.Text.Json;
using Nuzantara.Hosting.Orchestration;

namespace Nuzantara.AppHost.Tests;

/// <summary>The AppHost's real definition, every resource on free ports: what `dotnet run --project Nuzantara.AppHost` promises.</summary>
public sealed class WholeStackTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private static readonly string[] Resources =
    [
        "redis", "postgres", "nuzantara", "backend", "python-backend", "orchestrator",
        "prometheus", "alertmanager", "node-exporter", "redis-exporter", "postgres-exporter",
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_resource_becomes_healthy_every_endpoint_answers_and_nothing_is_left_behind()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Nuzantara_AppHost>(Token);
        var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);

        foreach (var resource in Resources)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, Token).WaitAsync(StartTimeout, Token);
        }

        var cadvisor = app.ResourceNotifications.GetSnapshot("cadvisor")!;
        Assert.Equal(KnownResourceStates.NotStarted, cadvisor.State);
        Assert.Contains("only as a container", cadvisor.StateReason);

        using (var orchestrator = app.CreateHttpClient("orchestrator"))
        {
            Assert.Equal("example", JsonDocument.Parse(await orchestrator.GetStringAsync("/api/example", Token)).RootElement.GetProperty("data").GetString());
        }

        foreach (var service in new[] { "orchestrator", "backend", "python-backend" })
        {
            using var client = app.CreateHttpClient(service);
            using var health = await client.GetAsync("/health", Token);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("healthy", JsonDocument.Parse(await health.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("status").GetString());
            Assert.Contains("http_requests_total", await client.GetStringAsync("/metrics", Token));
        }

        await AssertMetricAsync(app, "node-exporter", "node_cpu_seconds_total");
        await AssertMetricAsync(app, "redis-exporter", "redis_up 1");
        await AssertMetricAsync(app, "postgres-exporter", "pg_up 1");
        using (var alertmanager = app.CreateHttpClient("alertmanager"))
        {
            Assert.Equal(HttpStatusCode.OK, (await alertmanager.GetAsync("/-/ready", Token)).StatusCode);
        }

        await AssertPrometheusScrapesEveryTargetAsync(app);

        var processes = app.ResourceNotifications.GetSnapshots().Where(s => s.ProcessId is not null).Select(s => s.ProcessId!.Value).ToList();
        var ports = builder.Resources.SelectMany(r => r.Annotations.OfType<Nuzantara.Hosting.ApplicationModel.EndpointAnnotation>())
            .Where(e => e.AllocatedEndpoint is not null).Select(e => e.AllocatedEndpoint!.Port).ToList();
        await app.DisposeAsync();

        Assert.All(processes, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"process {pid} still runs"));
        Assert.All(ports, port => Assert.Null(PortAllocator.PortHolder("127.0.0.1", port)));
    }

    private static async Task AssertMetricAsync(DistributedApplication app, string resource, string expected)
    {
        using var client = app.CreateHttpClient(resource);
        Assert.Contains(expected, await client.GetStringAsync("/metrics", Token));
    }

    /// <summary>Prometheus scrapes each target once per interval, at an offset: poll its view until every target is up.</summary>
    private static async Task AssertPrometheusScrapesEveryTargetAsync(DistributedApplication app)
    {
        using var prometheus = app.CreateHttpClient("prometheus");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        Dictionary<string, string> health = [];
        while (DateTime.UtcNow < deadline)
        {
            using var targets = JsonDocument.Parse(await prometheus.GetStringAsync("/api/v1/targets?state=active", Token));
            health = targets.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
                .ToDictionary(t => t.GetProperty("labels").GetProperty("job").GetString()!, t => t.GetProperty("health").GetString()!);
            if (health.Count > 0 && health.Values.All(h => h == "up"))
            {
                break;
            }

            await Task.Delay(500, Token);
        }

        Assert.Equal(
            ["alertmanager", "apphost", "backend", "node-exporter", "orchestrator", "postgres-exporter", "prometheus", "python-backend", "redis-exporter"],
            health.Keys.Order());
        Assert.All(health, target => Assert.Equal("up", target.Value));
    }
}
