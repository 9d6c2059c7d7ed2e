using k8s;
using k8s.Models;
using Nuzantara.Hosting.Orchestration.Process;

namespace Nuzantara.Publishing.Tests;

public sealed class KubernetesTests(PublishedOutputs outputs)
{
    private IReadOnlyDictionary<string, List<object>> Objects => outputs.FilesOf("kubernetes")
        .Where(f => f.Key != "kustomization.yaml")
        .ToDictionary(f => f.Key, f => KubernetesYaml.LoadAllFromString(f.Value));

    private IEnumerable<object> AllObjects => Objects.Values.SelectMany(o => o);

    [Fact]
    public void The_kubernetes_objects_match_their_snapshot() => Snapshot.Match(outputs, "kubernetes");

    [Fact]
    public void Every_object_parses_back_into_its_KubernetesClient_model_and_serialises_to_the_same_yaml()
    {
        foreach (var (file, objects) in Objects)
        {
            Assert.NotEmpty(objects);
            Assert.All(objects, o => Assert.True(o is IKubernetesObject<V1ObjectMeta>, $"{file}: {o.GetType().Name} is not a typed Kubernetes object"));
            var text = outputs.FilesOf("kubernetes")[file];
            var body = string.Concat(text.Split('\n').SkipWhile(l => l.StartsWith('#')).Select(l => l + "\n")).TrimEnd('\n');
            Assert.Equal(body, KubernetesYaml.SerializeAll(objects).TrimEnd('\n'));
        }
    }

    [Fact]
    public async Task Kubectl_kustomize_builds_the_whole_application()
    {
        await Tools.EnsureKubectlAsync();

        var result = await CommandRunner.RunAsync("kubectl", ["kustomize", outputs.OutputOf("kubernetes")], TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.Output);
        var built = KubernetesYaml.LoadAllFromString(result.Output);
        Assert.Equal(AllObjects.Count(), built.Count);
        Assert.Contains(built.OfType<V1StatefulSet>(), s => s.Metadata.Name == "postgres");
    }

    [Fact]
    public void Workloads_have_probes_from_their_health_endpoints_and_resource_requests()
    {
        var deployments = AllObjects.OfType<V1Deployment>().ToDictionary(d => d.Metadata.Name);

        foreach (var name in new[] { "backend", "orchestrator", "python-backend" })
        {
            var container = deployments[name].Spec.Template.Spec.Containers.Single();
            Assert.Equal("/health/ready", container.ReadinessProbe.HttpGet.Path);
            Assert.Equal("/health/live", container.LivenessProbe.HttpGet.Path);
            Assert.NotNull(container.Resources.Requests["cpu"]);
            Assert.NotNull(container.Resources.Requests["memory"]);
        }

        Assert.Equal("LoadBalancer", AllObjects.OfType<V1Service>().Single(s => s.Metadata.Name == "orchestrator").Spec.Type);
        Assert.Equal("ClusterIP", AllObjects.OfType<V1Service>().Single(s => s.Metadata.Name == "backend").Spec.Type);
    }

    [Fact]
    public void Secrets_carry_no_data_and_workloads_read_them_by_reference()
    {
        var secrets = AllObjects.OfType<V1Secret>().ToList();

        Assert.Equal(
            ["alertmanager-secrets", "grafana-api-key", "grafana-otlp-url", "grafana-otlp-username", "grafana-prometheus-url", "grafana-username", "postgres-password", "redis-password", "sentry-dsn"],
            secrets.Select(s => s.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.All(secrets, s => Assert.Null(s.StringData));
        Assert.All(secrets, s => Assert.Null(s.Data));
        Assert.All(secrets, s => Assert.Contains("stringData", s.Metadata.Annotations["nuzantara.io/fill-in"], StringComparison.Ordinal));
        var redis = PodTemplates["redis"].Spec.Containers.Single();
        Assert.Equal("redis-password", redis.Env.Single(e => e.Name == "REDIS_PASSWORD").ValueFrom.SecretKeyRef.Name);
        var postgres = PodTemplates["postgres"].Spec.Containers.Single();
        Assert.Equal("postgres-password", postgres.Env.Single(e => e.Name == "POSTGRES_PASSWORD").ValueFrom.SecretKeyRef.Name);
    }

    [Fact]
    public void No_ConfigMap_holds_a_secret_setting_and_Alloy_reads_the_Grafana_key_from_its_Secret()
    {
        var configMaps = AllObjects.OfType<V1ConfigMap>().ToList();
        Assert.NotEmpty(configMaps);
        foreach (var configMap in configMaps)
        {
            var data = configMap.Data ?? new Dictionary<string, string>();
            Assert.All(outputs.SecretSettings, setting =>
            {
                Assert.DoesNotContain(setting.Key, data.Keys);
                Assert.All(data.Values, value => Assert.False(value.Contains(setting.Value, StringComparison.Ordinal), $"ConfigMap {configMap.Metadata.Name} holds the value of {setting.Key}"));
            });
        }

        var key = AllObjects.OfType<V1Secret>().Single(s => s.Metadata.Name == "grafana-api-key");
        Assert.Null(key.Data);
        Assert.Contains("GRAFANA_API_KEY", key.Metadata.Annotations["nuzantara.io/fill-in"], StringComparison.Ordinal);
        var alloy = PodTemplates["alloy"].Spec.Containers.Single();
        var apiKey = alloy.Env.Single(e => e.Name == "GRAFANA_API_KEY");
        Assert.Null(apiKey.Value);
        Assert.Equal(("grafana-api-key", "value"), (apiKey.ValueFrom.SecretKeyRef.Name, apiKey.ValueFrom.SecretKeyRef.Key));
    }

    [Fact]
    public void Every_resource_runs_and_host_observers_run_on_every_node()
    {
        Assert.Equal(
            ["alertmanager", "alloy", "aspire-dashboard", "backend", "cadvisor", "node-exporter", "orchestrator", "postgres", "postgres-exporter", "prometheus", "python-backend", "redis", "redis-exporter"],
            PodTemplates.Keys.Order(StringComparer.Ordinal));
        // Alloy ships the host's /var/log, so it runs on every node too.
        Assert.Equal(["alloy", "cadvisor", "node-exporter"], AllObjects.OfType<V1DaemonSet>().Select(d => d.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.Equal("postgres-data", AllObjects.OfType<V1StatefulSet>().Single().Spec.VolumeClaimTemplates.Single().Metadata.Name);
    }

    /// <summary>The pod template of every workload, by workload name.</summary>
    private Dictionary<string, V1PodTemplateSpec> PodTemplates => AllObjects
        .Select(o => o switch
        {
            V1Deployment d => (d.Metadata.Name, d.Spec.Template),
            V1StatefulSet s => (s.Metadata.Name, s.Spec.Template),
            V1DaemonSet d => (d.Metadata.Name, d.Spec.Template),
            _ => (Name: (string?)null, Template: (V1PodTemplateSpec?)null),
        })
        .Where(w => w.Name is not null)
        .ToDictionary(w => w.Name!, w => w.Template!);
}
