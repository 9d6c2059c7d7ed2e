using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Nuzantara.Reliability.Tests;

/// <summary>
/// kill -9 of each part of the stack in turn while clients write and read documents through the orchestrator: what
/// died comes back, no caller gets a 500 or a stack trace, and every write that was acknowledged is there afterwards;
/// meanwhile the services' health endpoints say what is wrong: liveness holds, readiness drops where the dependency is
/// required, and the body says <c>degraded</c> where it is not.
/// </summary>
public sealed class FaultTests(RunningStack stack, ITestOutputHelper output) : IClassFixture<RunningStack>
{
    private static readonly string[] Victims = ["redis", "postgres", "python-backend", "backend", "prometheus", "alertmanager"];

    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_killed_resource_is_restarted_and_no_acknowledged_write_is_lost()
    {
        using var gateway = stack.App.CreateHttpClient("orchestrator");
        gateway.Timeout = TimeSpan.FromSeconds(10);
        var load = new DocumentLoad(gateway);
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var clients = Enumerable.Range(0, 4).Select(client => load.RunAsync(client, stopLoad.Token)).ToList();

        await load.WaitForAcknowledgedAsync(20, Token);
        foreach (var victim in Victims)
        {
            // Each fault starts from a healthy stack: the previous one may still be settling (readiness re-checked), and a
            // backend still not ready after PostgreSQL's restart must not be put down to the next victim.
            foreach (var resource in Victims.Union(RunningStack.Services))
            {
                await stack.App.ResourceNotifications.WaitForResourceHealthyAsync(resource, Token).WaitAsync(TimeSpan.FromSeconds(30), Token);
            }

            var before = stack.App.ResourceNotifications.GetSnapshot(victim)!;
            var acknowledgedBefore = load.Acknowledged.Count;
            await using var health = new HealthWatch(stack.App, RunningStack.Services);
            var clock = Stopwatch.StartNew();
            Process.GetProcessById(before.ProcessId!.Value).Kill();

            await stack.App.ResourceNotifications.WaitForResourceAsync(
                victim, e => e.Snapshot.RestartCount > before.RestartCount && e.Snapshot.IsHealthy, Token).WaitAsync(RecoveryTimeout, Token);
            var recovered = clock.Elapsed;

            // Writes flow again end to end, not merely the process is back.
            await load.WaitForAcknowledgedAsync(acknowledgedBefore + 10, Token);
            output.WriteLine($"{victim}: healthy again {recovered.TotalSeconds:F1} s after kill -9, writes flowing after {clock.Elapsed.TotalSeconds:F1} s");
            foreach (var service in RunningStack.Services)
            {
                output.WriteLine($"  {service} {health.Describe(service)}");
            }

            AssertHealthReported(victim, health);
        }

        await stopLoad.CancelAsync();
        await Task.WhenAll(clients);

        output.WriteLine($"responses: {string.Join(", ", load.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        Assert.Empty(load.ServerErrors);
        foreach (var (location, title) in load.Acknowledged)
        {
            using var read = await gateway.GetAsync(location, Token);
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"acknowledged write {location} ('{title}') reads back {(int)read.StatusCode}");
            Assert.Equal(title, JsonDocument.Parse(await read.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("title").GetString());
        }

        output.WriteLine($"{load.Acknowledged.Count} acknowledged writes, all read back");
    }

    /// <summary>
    /// Liveness of every service that was not itself killed stayed 200 throughout (a dependency's death must not get a
    /// service restarted); PostgreSQL is required by the backend (not ready because of its database check, unhealthy),
    /// Redis is not (degraded, and no readiness failure names it).
    /// </summary>
    private static void AssertHealthReported(string victim, HealthWatch health)
    {
        foreach (var service in RunningStack.Services.Where(s => s != victim))
        {
            Assert.True(health.Seen(service, "/health/live").Keys.SequenceEqual(["200"]), $"{victim} killed: {service} {health.Describe(service)}");
        }

        switch (victim)
        {
            case "postgres":
                Assert.True(health.Seen("backend", "/health/ready").ContainsKey("503 database"), $"postgres killed: backend {health.Describe("backend")}");
                Assert.True(health.Seen("backend", "/health").ContainsKey("503 unhealthy"), $"postgres killed: backend {health.Describe("backend")}");
                break;
            case "redis":
                foreach (var service in new[] { "backend", "python-backend" })
                {
                    Assert.True(health.Seen(service, "/health").ContainsKey("200 degraded"), $"redis killed: {service} {health.Describe(service)}");
                    // Redis never takes a service out of readiness, but another of its checks may fail for a moment: a CI run saw
                    // the backend's readiness, whose only check is the database, answer 503 once on the starved machine while Redis was dead.
                    var ready = health.Seen(service, "/health/ready");
                    Assert.True(ready.ContainsKey("200") && ready.Keys.All(a => a == "200" || (a.StartsWith("503 ", StringComparison.Ordinal) && a.Length > 4 && !a.Contains("redis", StringComparison.Ordinal))),
                        $"redis killed: {service} {health.Describe(service)}");
                }

                break;
        }
    }

    /// <summary>Clients creating documents in a loop at a bounded rate, recording what each request got.</summary>
    private sealed class DocumentLoad(HttpClient gateway)
    {
        public ConcurrentDictionary<string, string> Acknowledged { get; } = new();

        public ConcurrentDictionary<string, int> Statuses { get; } = new();

        /// <summary>A 500, or any 5xx whose body carries a stack trace: the caller's view of a bug.</summary>
        public ConcurrentBag<string> ServerErrors { get; } = [];

        public async Task RunAsync(int client, CancellationToken cancellationToken)
        {
            for (var i = 0; !cancellationToken.IsCancellationRequested; i++)
            {
                var title = $"fault-{client}-{i}-{Guid.NewGuid():N}";
                try
                {
                    using var response = await gateway.PostAsJsonAsync("/api/documents", new { title, body = "written under faults", tags = new[] { "fault" } }, cancellationToken);
                    var body = await response.Content.ReadAsStringAsync(cancellationToken);
                    Statuses.AddOrUpdate(((int)response.StatusCode).ToString(), 1, (_, n) => n + 1);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        Acknowledged[response.Headers.Location!.ToString()] = title;
                    }
                    else if (response.StatusCode == HttpStatusCode.InternalServerError || ((int)response.StatusCode >= 500 && body.Contains("   at ", StringComparison.Ordinal)))
                    {
                        ServerErrors.Add($"{(int)response.StatusCode}: {body}");
                    }
                }
                catch (HttpRequestException)
                {
                    // The gateway itself was down for a moment (connection refused): the client retries, nothing was acknowledged.
                    Statuses.AddOrUpdate("connection refused", 1, (_, n) => n + 1);
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    Statuses.AddOrUpdate("timeout", 1, (_, n) => n + 1);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                // A steady, bounded load: about 50 writes per second per client.
                await Task.Delay(20, CancellationToken.None);
            }
        }

        public async Task WaitForAcknowledgedAsync(int count, CancellationToken cancellationToken)
        {
            var deadline = Stopwatch.StartNew();
            while (Acknowledged.Count < count)
            {
                Assert.True(deadline.Elapsed < RecoveryTimeout, $"only {Acknowledged.Count} of {count} writes acknowledged; responses: {string.Join(", ", Statuses.Select(s => $"{s.Key}×{s.Value}"))}");
                await Task.Delay(50, cancellationToken);
            }
        }
    }
}
