using Aspire.Hosting.Testing;
using Nuzantara.Hosting.Tests.Integrations;
using Nuzantara.Hosting.Tests.Orchestration;

namespace Nuzantara.Hosting.Tests.ApplicationModel;

/// <summary>
/// WithHttpProbe as health-checks-ui uses it: the probe is a health check of the resource here (as in Aspire, whatever
/// its type), and the Kubernetes workload's probe of its type when published.
/// </summary>
[Collection(nameof(ProcessRuntimeTests))]
public sealed class HttpProbeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_probe_has_Aspires_defaults_replaces_one_of_its_type_and_checks_its_path_once()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var api = builder.AddProject<Projects.Nuzantara_Fixtures_WhoAmI>("api").WithHttpEndpoint()
            .WithHttpProbe(ProbeType.Liveness, "/old")
            .WithHttpProbe(ProbeType.Liveness, "/alive")
            .WithHttpProbe(ProbeType.Readiness, "/health", periodSeconds: 7)
            .WithHttpHealthCheck("/health");

        var probes = api.Resource.OfAnnotation<EndpointProbeAnnotation>().ToList();
        var liveness = Assert.Single(probes, p => p.Type == ProbeType.Liveness);
        Assert.Equal(("/alive", "http", 5, 5, 1, 3, 1), (liveness.Path, liveness.EndpointReference.EndpointName, liveness.InitialDelaySeconds, liveness.PeriodSeconds,
            liveness.TimeoutSeconds, liveness.FailureThreshold, liveness.SuccessThreshold));
        Assert.Equal(7, Assert.Single(probes, p => p.Type == ProbeType.Readiness).PeriodSeconds);
        var checks = api.Resource.OfAnnotation<HealthCheckAnnotation>().Select(c => c.Key).ToList();
        Assert.Contains("api_http_/alive", checks);
        Assert.Single(checks, k => k == "api_http_/health");
    }

    [Fact]
    public async Task A_passing_probe_makes_the_resource_healthy_and_a_failing_one_keeps_it_unhealthy()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create("--runtime", "process");
        builder.AddProject<Projects.Nuzantara_Fixtures_WhoAmI>("alive").WithHttpEndpoint().WithHttpProbe(ProbeType.Liveness, "/health");
        builder.AddProject<Projects.Nuzantara_Fixtures_WhoAmI>("missing").WithHttpEndpoint().WithHttpProbe(ProbeType.Readiness, "/not-there");
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);

        await app.ResourceNotifications.WaitForResourceHealthyAsync("alive", Token).WaitAsync(Timeout, Token);
        var missing = await Eventually.ReadAsync(
            () => Task.FromResult(app.ResourceNotifications.GetSnapshot("missing")!),
            s => s.State?.Text == KnownResourceStates.Running && s.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy,
            Timeout,
            s => $"missing is {s.State?.Text}, health {s.HealthStatus}");
        Assert.False(missing.IsHealthy);
    }

    [Fact]
    public async Task Declared_probes_are_the_Kubernetes_workloads_probes_with_their_paths_and_timing()
    {
        await using var model = PublishedModel.For("kubernetes");
        model.Builder.AddProject<Projects.Nuzantara_Fixtures_WhoAmI>("web").WithHttpEndpoint()
            .WithHttpProbe(ProbeType.Liveness, "/alive", periodSeconds: 7, failureThreshold: 4)
            .WithHttpHealthCheck("/health")
            .WithHttpProbe(ProbeType.Startup, "/started", initialDelaySeconds: 2);

        await model.PublishAsync(Token);

        var published = Directory.GetFiles(model.Output, "*.yaml", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
        var web = Assert.Single(published.SelectMany(p => p.Split("\n---\n")), p => p.Contains("kind: Deployment") && p.Contains("name: web\n"));
        var document = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(web);
        var container = (Dictionary<object, object>)((List<object>)Map(Map(Map(document, "spec"), "template"), "spec")["containers"])[0];
        Assert.Equal(("/health", null), Probe(container, "readinessProbe"));
        Assert.Equal(("/alive", "7"), Probe(container, "livenessProbe"));
        Assert.Equal("4", (string)Map(container, "livenessProbe")["failureThreshold"]);
        Assert.Equal(("/started", "5"), Probe(container, "startupProbe"));
        Assert.Equal("2", (string)Map(container, "startupProbe")["initialDelaySeconds"]);
    }

    private static Dictionary<object, object> Map(Dictionary<object, object> node, string key) => (Dictionary<object, object>)node[key];

    private static (string Path, string? PeriodSeconds) Probe(Dictionary<object, object> container, string probe)
    {
        var node = Map(container, probe);
        var period = (string)node["periodSeconds"];
        return ((string)Map(node, "httpGet")["path"], probe == "readinessProbe" ? null : period);
    }
}
