using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Monitoring;
using Nuzantara.Tests;

namespace Nuzantara.Monitoring.Tests;

/// <summary>
/// The choice between Grafana Alloy and the direct path, and the direct path's model: Prometheus remote-writes with its
/// password in a secret file, the AppHost forwards OTLP, no Alloy, one warning. Fast: nothing is started.
/// </summary>
public sealed class GrafanaCloudDirectPathTests
{
    private const string ApiKey = "glc_direct_path_secret";

    private static readonly string[] GrafanaCloud =
    [
        "--GRAFANA_USERNAME=123456",
        $"--GRAFANA_API_KEY={ApiKey}",
        "--GRAFANA_PROMETHEUS_URL=https://prometheus-prod-01.grafana.net/api/prom/push",
        "--GRAFANA_OTLP_URL=https://otlp-gateway-prod-eu-west-0.grafana.net/otlp",
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Auto_takes_the_direct_path_where_Alloy_cannot_be_had_and_says_why()
    {
        Assert.Equal("Grafana Alloy is not installable here (no alloy on the PATH)",
            GrafanaCloudForwarding.WhyDirect(GrafanaCloudForwarder.Auto, publishing: false, () => "no alloy on the PATH"));
        Assert.Null(GrafanaCloudForwarding.WhyDirect(GrafanaCloudForwarder.Auto, publishing: false, () => null));
    }

    [Fact]
    public void The_setting_forces_either_path_without_probing_and_publishing_always_ships_Alloy()
    {
        Func<string?> probe = () => throw new InvalidOperationException("probed");

        Assert.Null(GrafanaCloudForwarding.WhyDirect(GrafanaCloudForwarder.Alloy, publishing: false, probe));
        Assert.Equal("Nuzantara:GrafanaCloud:Forwarder is direct", GrafanaCloudForwarding.WhyDirect(GrafanaCloudForwarder.Direct, publishing: false, probe));
        Assert.Null(GrafanaCloudForwarding.WhyDirect(GrafanaCloudForwarder.Auto, publishing: true, probe));
        Assert.Null(GrafanaCloudForwarding.WhyDirect(GrafanaCloudForwarder.Direct, publishing: true, probe));
    }

    [Fact]
    public async Task On_the_direct_path_Prometheus_remote_writes_with_a_password_file_and_the_AppHost_forwards_OTLP_with_one_warning()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Nuzantara_AppHost>(
            [.. GrafanaCloud, "--Nuzantara:GrafanaCloud:Forwarder=direct"], Token);

        Assert.DoesNotContain(builder.Resources, r => r is GrafanaAlloyResource);
        var prometheus = builder.Resources.OfType<PrometheusResource>().Single();
        var remoteWrite = Assert.Single(prometheus.OfAnnotation<PrometheusRemoteWriteAnnotation>());
        Assert.Equal(("https://prometheus-prod-01.grafana.net/api/prom/push", "123456", "GRAFANA_API_KEY"), (remoteWrite.Url, remoteWrite.Username, remoteWrite.PasswordSetting));
        var yaml = PrometheusConfiguration.Render(builder.Resources, prometheus, "Development", e => e.Resource.Name, [], p => p, file => $"/secrets/{file}");
        Assert.Contains("remote_write:", yaml);
        Assert.Contains("password_file: /secrets/grafana-cloud-password", yaml);
        Assert.DoesNotContain(ApiKey, yaml);
        var secretFile = Assert.Single(prometheus.OfAnnotation<ContainerFileAnnotation>(), f => f.IsSecret);
        Assert.Equal("/etc/prometheus/secrets/grafana-cloud-password", secretFile.Target);
        Assert.Contains(builder.Services, s => s.ServiceType == typeof(OtlpForwarder));

        var logs = new CapturedLogs();
        await using var services = new ServiceCollection().AddLogging(logging => logging.AddProvider(logs)).BuildServiceProvider();
        await builder.Eventing.PublishAsync(new BeforeStartEvent(services, new DistributedApplicationModel(builder.Resources)), Token);

        var warning = Assert.Single(logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal(
            "Nuzantara:GrafanaCloud:Forwarder is direct; Prometheus remote-writes metrics to GRAFANA_PROMETHEUS_URL and the AppHost forwards OTLP to " +
            "GRAFANA_OTLP_URL; host logs are not shipped (docs/monitoring.md, \"Grafana Cloud\")",
            warning.Message);
    }

    [Fact]
    public async Task Without_the_setting_the_model_is_the_Alloy_one_when_published()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Nuzantara_AppHost>(
            [.. GrafanaCloud, "--publisher", "manifest"], Token);

        Assert.Single(builder.Resources.OfType<GrafanaAlloyResource>());
        Assert.Empty(builder.Resources.OfType<PrometheusResource>().Single().OfAnnotation<PrometheusRemoteWriteAnnotation>());
    }
}
