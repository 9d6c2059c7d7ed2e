using Aspire.Hosting.Testing;
using Nuzantara.Hosting.Monitoring;
using YamlDotNet.RepresentationModel;

namespace Nuzantara.Hosting.Tests.ApplicationModel;

public sealed class PrometheusConfigurationTests
{
    [Fact]
    public async Task Scrape_jobs_come_from_every_resource_that_exposes_metrics()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var redis = builder.AddRedis("redis");
        builder.AddProject<FakeProject>("backend").WithHttpEndpoint(port: 8080).WithMetricsEndpoint();
        builder.AddRedisExporter("redis-exporter", redis);
        builder.AddAlertmanager("alertmanager", "/nonexistent/alertmanager.yml");
        var prometheus = builder.AddPrometheus("prometheus").WithScrapeInterval(TimeSpan.FromSeconds(10)).WithRetention("7d");
        TestModel.Resolve(builder);

        var yaml = PrometheusConfiguration.Render(builder.Resources, prometheus.Resource, "Development", e => $"{e.Host}:{e.Port}",
            [new ScrapeTarget("apphost", "127.0.0.1:18888", "/metrics")], p => p);

        var root = (YamlMappingNode)Load(yaml).RootNode;
        var jobs = ((YamlSequenceNode)root["scrape_configs"]).Cast<YamlMappingNode>().ToDictionary(j => j["job_name"].ToString(), j => j);
        Assert.Equal(["backend", "redis-exporter", "alertmanager", "prometheus", "apphost"], jobs.Keys);
        Assert.DoesNotContain("redis", jobs.Keys);
        var backend = (YamlMappingNode)((YamlSequenceNode)jobs["backend"]["static_configs"])[0];
        Assert.Equal("127.0.0.1:8080", ((YamlSequenceNode)backend["targets"])[0].ToString());
        Assert.Equal("backend", backend["labels"]["service"].ToString());
        Assert.Equal("Development", backend["labels"]["environment"].ToString());
        Assert.Equal("10s", root["global"]["scrape_interval"].ToString());
        Assert.Equal("127.0.0.1:9093", ((YamlSequenceNode)((YamlSequenceNode)root["alerting"]["alertmanagers"])[0]["static_configs"]).Cast<YamlMappingNode>().Single()["targets"][0].ToString());
        Assert.Equal(["--storage.tsdb.retention.time=7d"], PrometheusConfiguration.SettingsArguments(prometheus.Resource));
        Assert.Equal("Development", root["global"]["external_labels"]["environment"].ToString());
        Assert.Equal(builder.Environment.ApplicationName.ToLowerInvariant(), root["global"]["external_labels"]["cluster"].ToString());
    }

    [Fact]
    public async Task The_cluster_label_that_alerts_are_grouped_by_comes_from_the_settings()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create("--Nuzantara:Prometheus:Cluster=eu-west-prod");
        var prometheus = builder.AddPrometheus("prometheus");
        TestModel.Resolve(builder);

        var yaml = PrometheusConfiguration.Render(builder.Resources, prometheus.Resource, "Production", e => $"{e.Host}:{e.Port}", [], p => p);

        Assert.Equal("eu-west-prod", ((YamlMappingNode)Load(yaml).RootNode)["global"]["external_labels"]["cluster"].ToString());
    }

    [Fact]
    public async Task A_set_alert_resend_delay_reaches_Prometheus_command_line()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create("--Nuzantara:Prometheus:AlertResendDelay=00:00:02");
        var prometheus = builder.AddPrometheus("prometheus");

        Assert.Equal(["--storage.tsdb.retention.time=15d", "--rules.alert.resend-delay=2s"], PrometheusConfiguration.SettingsArguments(prometheus.Resource));
    }

    private static YamlDocument Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Single();
    }
}
