using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Nuzantara.Hosting.Orchestration;

namespace Nuzantara.Hosting.Tests.Orchestration;

/// <summary>WithReplicas(2) on a real web project: two processes behind the project's one endpoint.</summary>
[Collection(nameof(ProcessRuntimeTests))]
public sealed class ReplicaTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithReplicas_records_the_count_the_last_call_wins_and_fewer_than_one_is_refused()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var api = builder.AddProject<Projects.Nuzantara_Fixtures_WhoAmI>("api").WithReplicas(2).WithReplicas(3);

        Assert.Equal(3, api.Resource.OfAnnotation<ReplicaAnnotation>().Last().Replicas);
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => api.WithReplicas(0));
        Assert.Equal("replicas", refused.ParamName);
    }

    [Fact]
    public async Task Two_replicas_are_their_own_healthy_processes_behind_the_projects_endpoint_which_answers_on_when_one_is_killed()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create("--runtime", "process");
        var api = builder.AddProject<Projects.Nuzantara_Fixtures_WhoAmI>("api").WithHttpEndpoint().WithHttpHealthCheck("/health").WithReplicas(2);
        builder.AddExecutable("client", "sleep", ".", "300").WithReference(api);
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);

        await app.ResourceNotifications.WaitForResourceHealthyAsync("api", Token).WaitAsync(Timeout, Token);
        var replicas = await Eventually.ReadAsync(() => Task.FromResult(Replicas(app)), r => r.Count == 2 && r.All(s => s.IsHealthy), Timeout,
            r => $"replicas: {string.Join(", ", r.Select(s => $"{s.Name} {s.State?.Text} {s.HealthStatus}"))}");

        Assert.All(replicas, r => Assert.Matches("^api-[a-z0-9]{8}$", r.Name));
        Assert.Equal(2, replicas.Select(r => r.ProcessId).Distinct().Count());
        Assert.All(replicas, r => Assert.Equal("api", r.Environment["OTEL_SERVICE_NAME"]));
        Assert.Equal(replicas.Select(r => $"service.instance.id={r.Name}"), replicas.Select(r => r.Environment["OTEL_RESOURCE_ATTRIBUTES"]));
        var replicaUrls = replicas.Select(r => new Uri(Assert.Single(r.Urls).Url)).ToList();
        Assert.Equal(2, replicaUrls.Select(u => u.Port).Distinct().Count());

        // What references the project gets the project's endpoint, which is neither replica's.
        var endpoint = app.GetEndpoint("api", "http");
        Assert.Equal(endpoint.ToString().TrimEnd('/'), app.ResourceNotifications.GetSnapshot("client")!.Environment["services__api__http__0"]);
        Assert.DoesNotContain(endpoint.Port, replicaUrls.Select(u => u.Port));

        // One connection per request, so each is balanced afresh: both replicas answer, each on its own port.
        using var http = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.ConnectionClose = true;
        var answers = new List<string[]>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add((await http.GetStringAsync("/", Token)).Split(' '));
        }

        Assert.Equal(replicas.Select(r => r.Name).Order(), answers.Select(a => a[0]).Distinct().Order());
        Assert.All(answers, a => Assert.Equal(replicaUrls[replicas.FindIndex(r => r.Name == a[0])].Port.ToString(System.Globalization.CultureInfo.InvariantCulture), a[1]));

        var victim = replicas[0];
        using (var process = Process.GetProcessById(victim.ProcessId!.Value))
        {
            process.Kill();
            await process.WaitForExitAsync(Token);
        }

        // Every request right after the kill is answered, by the survivor (or the victim once restarted).
        for (var i = 0; i < 10; i++)
        {
            var answer = (await http.GetStringAsync("/", Token)).Split(' ');
            Assert.Contains(answer[0], replicas.Select(r => r.Name));
        }

        var restarted = await app.ResourceNotifications.WaitForResourceAsync(victim.Name, e => e.Snapshot.RestartCount >= 1 && e.Snapshot.IsHealthy, Token).WaitAsync(Timeout, Token);
        Assert.NotEqual(victim.ProcessId, restarted.Snapshot.ProcessId);
        Assert.True(app.ResourceNotifications.GetSnapshot("api")!.IsHealthy);

        // The dashboard lists each replica under the project, and the project's Stop stops them all.
        using var dashboard = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{app.Services.GetRequiredService<HostingOptions>().DashboardPort}") };
        dashboard.DefaultRequestHeaders.Add("x-otlp-api-key", app.Services.GetRequiredService<OtlpSettings>().ApiKey);
        var rows = (await dashboard.GetFromJsonAsync<JsonElement>("/api/resources", Token)).EnumerateArray().ToList();
        Assert.All(replicas, r => Assert.Equal("api", rows.Single(row => row.GetProperty("name").GetString() == r.Name).GetProperty("parent").GetString()));
        using (var stop = await dashboard.PostAsync("/api/resources/api/commands/stop", null, Token))
        {
            Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        }

        Assert.All(Replicas(app), r => Assert.Equal(KnownResourceStates.Exited, r.State?.Text));
        Assert.False(app.ResourceNotifications.GetSnapshot("api")!.IsHealthy);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync("/", Token));
    }

    private static List<CustomResourceSnapshot> Replicas(DistributedApplication app) =>
        [.. app.ResourceNotifications.GetSnapshots().Where(s => s.Name.StartsWith("api-", StringComparison.Ordinal)).OrderBy(s => s.Name, StringComparer.Ordinal)];
}
