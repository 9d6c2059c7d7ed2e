using Nuzantara.Hosting.Monitoring;

namespace Nuzantara.Monitoring.Tests;

/// <summary>
/// How the AppHost's model wires Grafana Alloy (not run: Alloy is not installable here, see docs/monitoring.md):
/// present only with Grafana Cloud credentials, with its settings as secret parameters of its environment and the
/// services' OTLP through it. Alloy is forced (Nuzantara:GrafanaCloud:Forwarder), since here the AppHost would
/// otherwise take the direct path (GrafanaCloudDirectPathTests).
/// </summary>
public sealed class GrafanaAlloyWiringTests
{
    private static readonly string[] GrafanaCloud =
    [
        "--GRAFANA_USERNAME=123456",
        "--GRAFANA_API_KEY=glc_secret",
        "--GRAFANA_PROMETHEUS_URL=https://prometheus-prod-01.grafana.net/api/prom/push",
        "--GRAFANA_OTLP_URL=https://otlp-gateway-prod-eu-west-0.grafana.net/otlp",
        "--Nuzantara:GrafanaCloud:Forwarder=alloy",
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_Grafana_Cloud_credentials_there_is_no_Alloy()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Nuzantara_AppHost>(Token);

        Assert.DoesNotContain(builder.Resources, r => r is GrafanaAlloyResource);
    }

    [Fact]
    public async Task With_credentials_Alloy_gets_its_config_and_settings_and_the_services_export_OTLP_to_it()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Nuzantara_AppHost>(GrafanaCloud, Token);

        var alloy = Assert.Single(builder.Resources.OfType<GrafanaAlloyResource>());
        var config = Assert.Single(alloy.OfAnnotation<ContainerMountAnnotation>(), m => m.Target == "/etc/alloy/config.alloy");
        Assert.Equal(Path.Combine(MonitoringTools.MonitoringDirectory, "alloy", "config.alloy"), config.Source);
        Assert.True(File.Exists(config.Source));
        // The host's logs, which config.alloy ships.
        var hostLogs = Assert.Single(alloy.OfAnnotation<ContainerMountAnnotation>(), m => m.Target == "/var/log");
        Assert.Equal("/var/log", hostLogs.Source);
        Assert.True(hostLogs.IsReadOnly);
        var environment = await EnvironmentAsync(alloy, []);
        // Secret parameters read from the settings of the same name: values for Alloy's process, never for a published file.
        foreach (var setting in new[] { "GRAFANA_USERNAME", "GRAFANA_API_KEY", "GRAFANA_PROMETHEUS_URL", "GRAFANA_OTLP_URL" })
        {
            var parameter = Assert.IsType<ParameterResource>(environment[setting]);
            Assert.True(parameter.Secret, setting);
            Assert.Equal(setting, parameter.ConfigurationKey);
        }

        Assert.False(environment.ContainsKey("GRAFANA_OTLP_USERNAME"), "an unset optional setting is not declared");
        Assert.Equal("prometheus", Assert.IsType<EndpointReference>(environment["PROMETHEUS_URL"]).Resource.Name);
        Assert.Equal("http://127.0.0.1:18890", (await EnvironmentAsync(alloy, OtlpSettings("http/protobuf")))["NUZANTARA_OTLP_HTTP_ENDPOINT"]);
        Assert.Contains(alloy.OfAnnotation<WaitAnnotation>(), w => w.Resource.Name == "prometheus");

        foreach (var (service, protocol, receiver) in new[]
        {
            ("backend", "grpc", GrafanaAlloyResource.OtlpGrpcEndpointName),
            ("orchestrator", "grpc", GrafanaAlloyResource.OtlpGrpcEndpointName),
            ("python-backend", "http/json", GrafanaAlloyResource.OtlpHttpEndpointName),
        })
        {
            var resource = builder.Resources.Single(r => r.Name == service);
            var endpoint = Assert.IsType<EndpointReference>((await EnvironmentAsync(resource, OtlpSettings(protocol)))["OTEL_EXPORTER_OTLP_ENDPOINT"]);
            Assert.Same(alloy, endpoint.Resource);
            Assert.Equal(receiver, endpoint.EndpointName);
        }
    }

    [Fact]
    public async Task Credentials_without_the_Grafana_Cloud_URLs_stop_the_AppHost_naming_them()
    {
        var exception = await Assert.ThrowsAsync<DistributedApplicationException>(() =>
            DistributedApplicationTestingBuilder.CreateAsync<Projects.Nuzantara_AppHost>(GrafanaCloud[..2], Token));

        Assert.Contains("GRAFANA_PROMETHEUS_URL and GRAFANA_OTLP_URL", exception.Message);
    }

    /// <summary>What the AppHost sets before a resource's own callbacks run, for an exporter of that protocol.</summary>
    private static Dictionary<string, object> OtlpSettings(string protocol) => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:18890",
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol,
    };

    private static async Task<Dictionary<string, object>> EnvironmentAsync(IResource resource, Dictionary<string, object> initial)
    {
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), resource);
        foreach (var (key, value) in initial)
        {
            context.EnvironmentVariables[key] = value;
        }

        foreach (var callback in resource.OfAnnotation<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        return context.EnvironmentVariables;
    }
}
