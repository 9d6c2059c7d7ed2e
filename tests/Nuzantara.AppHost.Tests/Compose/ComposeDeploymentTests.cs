using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nuzantara.AppHost.Tests.LiveEngine;
using Nuzantara.Fixtures.AlertReceivers;
using Nuzantara.Hosting.Orchestration.Process;

namespace Nuzantara.AppHost.Tests.Compose;

/// <summary>
/// The published Docker Compose deployment, end to end on the live engine (<see cref="ComposeDeployment"/>): every
/// service healthy, the API through the gateway, Prometheus scraping every target, the data across down and up, alerts
/// on Slack, by e-mail and at the heartbeat, and a restart by Compose's restart policy seen as ContainerRestarted.
/// cAdvisor is left out and the Aspire dashboard is a stand-in: neither image can be made without a registry.
/// </summary>
[Collection(LiveEngineCollection.Name)]
public sealed class ComposeDeploymentTests(ComposeDeployment deployment, LiveDockerEngine engine, ITestOutputHelper output) : IClassFixture<ComposeDeployment>
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_service_is_healthy_and_Prometheus_scrapes_every_target_but_the_left_out_cadvisor()
    {
        foreach (var (step, took) in deployment.Timings)
        {
            output.WriteLine($"{step}: {took.TotalSeconds:F0} s");
        }

        var states = await deployment.StatesAsync();
        Assert.Equal(deployment.Services, states.Keys.Order(StringComparer.Ordinal));
        // Only those without a health check may be merely running: redis_exporter's image is FROM scratch, the published
        // dashboard has none, nor the test's alert stand-ins. Their Prometheus target and /received show them working.
        Assert.All(states.Where(s => s.Key is not ("redis-exporter" or "aspire-dashboard" or "alert-receivers")), s => Assert.Equal("healthy", s.Value.Status));

        using var prometheus = new HttpClient { BaseAddress = deployment.Prometheus };
        var targets = await Eventually.ReadAsync(async () =>
            {
                using var body = JsonDocument.Parse(await prometheus.GetStringAsync("/api/v1/targets?state=active", Token));
                return body.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
                    .ToDictionary(t => t.GetProperty("labels").GetProperty("job").GetString()!,
                        t => (Health: t.GetProperty("health").GetString()!, Error: t.GetProperty("lastError").GetString()));
            },
            jobs => jobs.Count > 0 && jobs.Where(j => j.Key != ComposeDeployment.LeftOut).All(j => j.Value.Health == "up") && jobs.GetValueOrDefault(ComposeDeployment.LeftOut).Health == "down",
            Settle, jobs => $"Prometheus' targets: {string.Join("; ", jobs.Select(j => $"{j.Key} {j.Value.Health} {j.Value.Error}"))}");
        Assert.Equal(
            ["alertmanager", "backend", "cadvisor", "node-exporter", "orchestrator", "postgres-exporter", "prometheus", "python-backend", "redis-exporter"],
            targets.Keys.Order(StringComparer.Ordinal));

        // The exporters reach what they export, with the passwords of .env.
        foreach (var metric in new[] { "redis_up", "pg_up" })
        {
            using var query = JsonDocument.Parse(await prometheus.GetStringAsync($"/api/v1/query?query={metric}", Token));
            var value = query.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().Select(r => r.GetProperty("value")[1].GetString()).ToList();
            Assert.True(value is ["1"], $"{metric} is [{string.Join(", ", value)}]");
        }

        // ContainerRestarted's signal of a PostgreSQL restart under Compose (postgres-exporter's --collector.postmaster).
        using var postmaster = JsonDocument.Parse(await prometheus.GetStringAsync("/api/v1/query?query=pg_postmaster_start_time_seconds", Token));
        Assert.Single(postmaster.RootElement.GetProperty("data").GetProperty("result").EnumerateArray());
    }

    [Fact]
    public async Task Documents_and_search_work_through_the_gateway_and_the_services_export_their_telemetry()
    {
        using var gateway = new HttpClient { BaseAddress = deployment.Gateway };
        var word = $"w{Guid.NewGuid():N}"[..12];
        var (location, id) = await CreateDocumentAsync(gateway, word);

        using (var read = await gateway.GetAsync(location, Token))
        {
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"GET {location}: {(int)read.StatusCode} {await read.Content.ReadAsStringAsync(Token)}");
            Assert.Equal($"{word} compose", (await read.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("title").GetString());
        }

        using (var search = await gateway.GetAsync($"/api/search?q={word}&limit=5", Token))
        {
            var body = await search.Content.ReadAsStringAsync(Token);
            Assert.True(search.StatusCode == HttpStatusCode.OK, $"search: {(int)search.StatusCode} {body}");
            var result = JsonDocument.Parse(body).RootElement;
            // "ok": the ranking came from the Python service, reached by the gateway on the Compose network.
            Assert.True(result.GetProperty("ranking").GetString() == "ok", $"{body}\n--- logs of orchestrator ---\n{await deployment.LogsAsync("orchestrator")}");
            Assert.Equal([id], result.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").ToString()));
        }

        // Each service exports to the dashboard's address and protocol the published file gives it.
        using var dashboard = new HttpClient { BaseAddress = deployment.Dashboard };
        string[] expected = ["grpc traces backend", "grpc traces orchestrator", "http traces python-backend"];
        await Eventually.ReadAsync(() => dashboard.GetFromJsonAsync<Dictionary<string, int>>("/received", Token)!,
            received => expected.All(received!.ContainsKey), TimeSpan.FromSeconds(30),
            received => $"the dashboard stand-in received {JsonSerializer.Serialize(received)}, not all of {string.Join(", ", expected)}");
    }

    [Fact]
    public async Task A_document_written_before_down_is_read_after_up()
    {
        using var gateway = new HttpClient { BaseAddress = deployment.Gateway };
        var word = $"w{Guid.NewGuid():N}"[..12];
        var (location, _) = await CreateDocumentAsync(gateway, word);

        var stopwatch = Stopwatch.StartNew();
        await deployment.DownAsync();
        Assert.Empty(await deployment.ContainersAsync());
        output.WriteLine($"down: {stopwatch.Elapsed.TotalSeconds:F0} s");
        stopwatch.Restart();
        await deployment.UpAsync();
        output.WriteLine($"up -d to every service healthy again: {stopwatch.Elapsed.TotalSeconds:F0} s");

        // The gateway may answer before the backend behind it has its connections back: a client retries a 503.
        var (status, body) = await Eventually.ReadAsync(async () =>
            {
                try
                {
                    using var read = await gateway.GetAsync(location, Token);
                    return (read.StatusCode, await read.Content.ReadAsStringAsync(Token));
                }
                catch (HttpRequestException ex)
                {
                    return (HttpStatusCode.ServiceUnavailable, ex.Message);
                }
            },
            read => read.Item1 != HttpStatusCode.ServiceUnavailable, Settle, read => $"GET {location} after up: {(int)read.Item1} {read.Item2}");
        Assert.True(status == HttpStatusCode.OK, $"GET {location} after down and up: {(int)status} {body}");
        Assert.Equal($"{word} compose", JsonDocument.Parse(body).RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Alerts_reach_Slack_and_e_mail_and_a_crashed_exporter_restarted_by_Compose_raises_ContainerRestarted()
    {
        using var receivers = new HttpClient();
        Task<ReceivedAlerts> Read() => ReceivedAlerts.ReadAsync(receivers, deployment.AlertReceivers, Token);
        await AlertPath.AssertHeartbeatAsync(Read, deployment.HeartbeatPath, Settle);
        await AlertPath.AssertWarningReachesSlackOnlyAsync(Read, deployment.SlackPath, alertName => deployment.ComposeAsync("exec", "-T", "alertmanager",
            "amtool", "alert", "add", $"alertname={alertName}", "severity=warning", "service=backend", "--annotation=summary=Checking the alert wiring",
            "--alertmanager.url=http://localhost:9093"), Settle);

        // A crash, not `docker kill` (which Docker counts as a manual stop and does not restart): the exporter's process
        // dies under the engine, and Compose's restart policy brings it back.
        var exporter = (await deployment.ContainersAsync()).Single(c => c.Labels["com.docker.compose.service"] == "redis-exporter");
        var pid = (await engine.Client.Containers.InspectContainerAsync(exporter.ID, Token)).State.Pid;
        await CommandRunner.RunCheckedAsync("kill", ["-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)], Token);

        // docker pause freezes the backend with its port open: Prometheus' scrapes time out, as with a hung service.
        var death = Stopwatch.StartNew();
        await deployment.ComposeAsync("pause", "backend");
        try
        {
            await AlertPath.AssertFiringDeliveredAsync(Read, deployment.SlackPath, "backend", authenticated: false, TimeSpan.FromSeconds(150));
            output.WriteLine($"backend hung -> ServiceDown on Slack and by e-mail: {death.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            await deployment.ComposeAsync("unpause", "backend");
        }

        await AlertPath.AssertResolvedDeliveredAsync(Read, deployment.SlackPath, "backend", TimeSpan.FromSeconds(90));

        Assert.True((await engine.Client.Containers.InspectContainerAsync(exporter.ID, Token)).RestartCount >= 1, "Compose did not restart redis-exporter");
        using var prometheus = new HttpClient { BaseAddress = deployment.Prometheus };
        await Eventually.ReadAsync(async () =>
            {
                using var query = JsonDocument.Parse(await prometheus.GetStringAsync(
                    "/api/v1/query?query=" + Uri.EscapeDataString("ALERTS{alertname=\"ContainerRestarted\",alertstate=\"firing\",service=\"redis-exporter\"}"), Token));
                return query.RootElement.GetProperty("data").GetProperty("result").GetArrayLength();
            },
            firing => firing == 1, TimeSpan.FromMinutes(3), _ => "ContainerRestarted is not firing for redis-exporter");
    }

    /// <summary>POST /api/documents through the gateway: its Location and id.</summary>
    private static async Task<(string Location, string Id)> CreateDocumentAsync(HttpClient gateway, string word)
    {
        using var created = await gateway.PostAsJsonAsync("/api/documents", new { title = $"{word} compose", body = $"{word} deployed with docker-compose", tags = new[] { "compose" } }, Token);
        var body = await created.Content.ReadAsStringAsync(Token);
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"POST /api/documents: {(int)created.StatusCode} {body}");
        return (created.Headers.Location!.ToString(), JsonDocument.Parse(body).RootElement.GetProperty("id").ToString());
    }
}
