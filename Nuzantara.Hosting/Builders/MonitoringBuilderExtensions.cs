using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Monitoring;
using Nuzantara.Hosting.Orchestration.Process;

namespace Nuzantara.Hosting;

/// <summary>Prometheus and Alertmanager, each with its container image and native recipe.</summary>
public static class MonitoringBuilderExtensions
{
    /// <summary>Prometheus, scraping every resource of the model that exposes metrics (configuration generated at start).</summary>
    public static IResourceBuilder<PrometheusResource> AddPrometheus(this IDistributedApplicationBuilder builder, string name, int? port = 9090)
    {
        var prometheus = new PrometheusResource(name);
        return builder.AddResource(prometheus)
            .WithHttpEndpoint(port: port, targetPort: 9090, name: PrometheusResource.PrimaryEndpointName)
            .WithImage("docker.io/prom/prometheus", "v2.53.2")
            .WithAnnotation(new PrometheusSettingsAnnotation())
            .WithAnnotation(new RequiredPackagesAnnotation("prometheus", ["prometheus"]))
            .WithAnnotation(new NativeRecipeAnnotation("prometheus")
            {
                Prepare = async context =>
                {
                    var options = context.Services.GetRequiredService<HostingOptions>();
                    var environment = context.Services.GetRequiredService<IHostEnvironment>().EnvironmentName;
                    var model = context.Services.GetRequiredService<DistributedApplicationModel>();
                    ScrapeTarget[] appHost = options.DashboardPort > 0 ? [new ScrapeTarget("apphost", $"{options.BindAddress}:{options.DashboardPort}", "/metrics")] : [];
                    var yaml = PrometheusConfiguration.Render(model.Resources, prometheus, environment, e => $"{e.Host}:{e.Port}", appHost, path => path);
                    await File.WriteAllTextAsync(Path.Combine(context.StateDirectory, "prometheus.yml"), yaml, context.CancellationToken);
                },
                Configure = context =>
                {
                    var endpoint = prometheus.PrimaryEndpoint;
                    context.Args.AddRange([
                        $"--config.file={Path.Combine(context.StateDirectory, "prometheus.yml")}",
                        $"--storage.tsdb.path={Path.Combine(context.StateDirectory, "data")}",
                        $"--storage.tsdb.retention.time={PrometheusConfiguration.RetentionArgument(prometheus)}",
                        $"--web.listen-address={endpoint.Host}:{endpoint.Allocated.TargetPort}",
                        "--web.enable-lifecycle",
                    ]);
                    return Task.CompletedTask;
                },
            })
            .WithHttpHealthCheck("/-/ready")
            .WithMetricsEndpoint();
    }

    public static IResourceBuilder<PrometheusResource> WithScrapeInterval(this IResourceBuilder<PrometheusResource> builder, TimeSpan interval)
    {
        builder.Resource.OfAnnotation<PrometheusSettingsAnnotation>().Last().ScrapeInterval = interval;
        return builder;
    }

    /// <summary>How long Prometheus keeps samples, in its duration syntax (15d by default).</summary>
    public static IResourceBuilder<PrometheusResource> WithRetention(this IResourceBuilder<PrometheusResource> builder, string retention)
    {
        builder.Resource.OfAnnotation<PrometheusSettingsAnnotation>().Last().Retention = retention;
        return builder;
    }

    /// <summary>Loads alerting and recording rules from a file or folder (relative to the AppHost folder).</summary>
    public static IResourceBuilder<PrometheusResource> WithRuleFiles(this IResourceBuilder<PrometheusResource> builder, string path)
    {
        var fullPath = Path.GetFullPath(path, builder.ApplicationBuilder.AppHostDirectory);
        builder.Resource.OfAnnotation<PrometheusSettingsAnnotation>().Last().RuleFiles.Add(Directory.Exists(fullPath) ? Path.Combine(fullPath, "*.yml") : fullPath);
        return builder.WithBindMount(Directory.Exists(fullPath) ? fullPath : Path.GetDirectoryName(fullPath)!, "/etc/prometheus/rules", isReadOnly: true);
    }

    /// <summary>Alertmanager with its configuration file (relative to the AppHost folder); no cluster gossip port.</summary>
    public static IResourceBuilder<AlertmanagerResource> AddAlertmanager(this IDistributedApplicationBuilder builder, string name, string configFile, int? port = 9093)
    {
        var alertmanager = new AlertmanagerResource(name);
        var config = Path.GetFullPath(configFile, builder.AppHostDirectory);
        return builder.AddResource(alertmanager)
            .WithHttpEndpoint(port: port, targetPort: 9093, name: AlertmanagerResource.PrimaryEndpointName)
            .WithImage("docker.io/prom/alertmanager", "v0.27.0")
            .WithBindMount(config, "/etc/alertmanager/alertmanager.yml", isReadOnly: true)
            .WithAnnotation(new RequiredPackagesAnnotation("prometheus-alertmanager", ["prometheus-alertmanager"]))
            .WithAnnotation(new NativeRecipeAnnotation("prometheus-alertmanager")
            {
                Prepare = context =>
                {
                    if (!File.Exists(config))
                    {
                        throw new DistributedApplicationException($"Alertmanager '{name}' needs its configuration file {config}, which does not exist. Create it or fix the path given to AddAlertmanager.");
                    }

                    return Task.CompletedTask;
                },
                Configure = context =>
                {
                    var endpoint = alertmanager.PrimaryEndpoint;
                    context.Args.AddRange([
                        $"--config.file={config}",
                        $"--storage.path={Path.Combine(context.StateDirectory, "data")}",
                        $"--web.listen-address={endpoint.Host}:{endpoint.Allocated.TargetPort}",
                        $"--web.external-url={endpoint.Url}",
                        "--cluster.listen-address=",
                    ]);
                    return Task.CompletedTask;
                },
            })
            .WithHttpHealthCheck("/-/ready")
            .WithMetricsEndpoint();
    }
}
