using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Monitoring;
using Nuzantara.Hosting.Orchestration.Process;
using Nuzantara.Hosting.Dashboard;
using Nuzantara.Hosting.Publishing;

namespace Nuzantara.Hosting;

/// <summary>Prometheus and Alertmanager, each with its container image and native recipe.</summary>
public static class MonitoringBuilderExtensions
{
    private const string PrometheusSecretsFolder = "/etc/prometheus/secrets";

    /// <summary>
    /// Prometheus, scraping every resource of the model that exposes metrics (configuration generated at start). Natively
    /// the configuration and data live under the state directory; in a container the configuration is a generated file
    /// mounted at /etc/prometheus/prometheus.yml and the data is in the image's /prometheus volume. Both runtimes render
    /// the same configuration: containers share the host's network and listen where the model says, so every target is the
    /// same address in both.
    /// </summary>
    public static IResourceBuilder<PrometheusResource> AddPrometheus(this IDistributedApplicationBuilder builder, string name, int? port = 9090)
    {
        const string ContainerConfigFile = "/etc/prometheus/prometheus.yml";
        const string ContainerRulesFolder = "/etc/prometheus/rules";
        var prometheus = new PrometheusResource(name);
        var settings = builder.Configuration.GetSection(PrometheusSettingsAnnotation.SectionName).Get<PrometheusSettingsAnnotation>() ?? new PrometheusSettingsAnnotation();
        settings.Cluster ??= builder.Environment.ApplicationName.ToLowerInvariant();

        // Rule files are host paths; a container sees them where WithRuleFiles mounts their folder.
        string RenderConfiguration(IServiceProvider services, Func<IResource, bool> runs, Func<string, string> ruleFilePath, Func<string, string> secretFilePath)
        {
            var options = services.GetRequiredService<HostingOptions>();
            var environment = services.GetRequiredService<IHostEnvironment>().EnvironmentName;
            var model = services.GetRequiredService<DistributedApplicationModel>();
            ScrapeTarget[] appHost = options.DashboardPort > 0 ? [new ScrapeTarget("apphost", $"{options.BindAddress}:{options.DashboardPort}", "/metrics")] : [];
            return PrometheusConfiguration.Render(model.Resources.Where(runs), prometheus, environment, e => $"{e.Host}:{e.Port}", appHost, ruleFilePath, secretFilePath);
        }

        string[] Arguments(string configFile, string storagePath)
        {
            var endpoint = prometheus.PrimaryEndpoint;
            return
            [
                $"--config.file={configFile}",
                $"--storage.tsdb.path={storagePath}",
                .. PrometheusConfiguration.SettingsArguments(prometheus),
                $"--web.listen-address={endpoint.Host}:{endpoint.Allocated.TargetPort}",
                "--web.enable-lifecycle",
            ];
        }

        return builder.AddResource(prometheus)
            .WithHttpEndpoint(port: port, targetPort: 9090, name: PrometheusResource.PrimaryEndpointName)
            .WithImage("docker.io/prom/prometheus", "v2.53.2")
            .WithAnnotation(settings)
            .WithAnnotation(new ContainerFileAnnotation(ContainerConfigFile,
                context => Task.FromResult(RenderConfiguration(context.Services, _ => true, path => $"{ContainerRulesFolder}/{Path.GetFileName(path)}",
                    file => $"{PrometheusSecretsFolder}/{file}"))))
            .WithAnnotation(new ContainerArgsAnnotation(() => Arguments(ContainerConfigFile, "/prometheus")) { ListensOnAllocatedPorts = true })
            .WithAnnotation(new ScrapeTargetsApiAnnotation(PrometheusResource.PrimaryEndpointName))
            .WithAnnotation(new RequiredPackagesAnnotation("prometheus", ["prometheus"]))
            .WithAnnotation(new NativeRecipeAnnotation("prometheus")
            {
                Prepare = async context =>
                {
                    // A native Prometheus means the process runtime, which cannot run container-only resources: no target for them.
                    var secretDirectory = Path.Combine(context.StateDirectory, "secrets");
                    var yaml = RenderConfiguration(context.Services, ProcessRuntime.CanRun, path => path, file => Path.Combine(secretDirectory, file));
                    await File.WriteAllTextAsync(Path.Combine(context.StateDirectory, "prometheus.yml"), yaml, context.CancellationToken).ConfigureAwait(false);
                    foreach (var remoteWrite in prometheus.OfAnnotation<PrometheusRemoteWriteAnnotation>())
                    {
                        var password = context.Services.GetRequiredService<IConfiguration>()[remoteWrite.PasswordSetting] ?? string.Empty;
                        await NativePaths.WriteSecretFileAsync(Path.Combine(secretDirectory, remoteWrite.PasswordFile), password, context.CancellationToken).ConfigureAwait(false);
                    }
                },
                Configure = context =>
                {
                    context.Args.AddRange(Arguments(Path.Combine(context.StateDirectory, "prometheus.yml"), Path.Combine(context.StateDirectory, "data")));
                    return Task.CompletedTask;
                },
            })
            .WithHttpHealthCheck("/-/ready")
            .WithMetricsEndpoint()
            // Published, the configuration names the container network's addresses and the image's paths; the launch-time
            // arguments name this machine's listen address.
            .WithAnnotation(new PublishedFilesAnnotation(context => new PublishedFiles([(ContainerConfigFile,
                PrometheusConfiguration.Render(context.Resources, prometheus, context.EnvironmentName, context.Address, [], path => RuleFileInContainer(prometheus, path)))])))
            .WithArgs(context =>
            {
                if (context.ExecutionContext.IsPublishMode)
                {
                    context.Args.AddRange([$"--config.file={ContainerConfigFile}", "--storage.tsdb.path=/prometheus",
                        .. PrometheusConfiguration.SettingsArguments(prometheus), "--web.enable-lifecycle"]);
                }
            })
            .WithAnnotation(new PublishedContainerUserAnnotation(ContainerUser.Nobody))
            .WithAnnotation(new KubernetesResourceRequestsAnnotation("200m", "512Mi"));
    }

    /// <summary>A rule file (a host path, or a folder's <c>*.yml</c>) where the container sees it: under the target of the bind mount of its folder.</summary>
    private static string RuleFileInContainer(PrometheusResource prometheus, string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        var mount = prometheus.OfAnnotation<ContainerMountAnnotation>().LastOrDefault(m => m.Type == ContainerMountType.BindMount && m.Source == folder)
            ?? throw new DistributedApplicationException(
                $"Prometheus '{prometheus.Name}' loads rule file {path}, but no bind mount gives the container its folder: add rule files with WithRuleFiles.");
        return $"{mount.Target.TrimEnd('/')}/{Path.GetFileName(path)}";
    }

    /// <summary>
    /// Remote-writes every sample to <paramref name="url"/> with basic auth, the password read from the setting
    /// <paramref name="passwordSetting"/> (an environment variable's name) at every start into a file only Prometheus'
    /// user reads (0600): natively under the state directory, in a container under /etc/prometheus/secrets, mounted from
    /// a file of the AppHost's user, which the container then runs as. prometheus.yml names the file, never the password.
    /// </summary>
    /// <param name="name">Names the secret file; unique per remote write.</param>
    public static IResourceBuilder<PrometheusResource> WithRemoteWrite(this IResourceBuilder<PrometheusResource> builder, string name, string url, string username,
        string passwordSetting)
    {
        var remoteWrite = new PrometheusRemoteWriteAnnotation(url, username, passwordSetting, $"{name}-password");
        return builder
            .WithAnnotation(remoteWrite)
            .WithAnnotation(new ContainerFileAnnotation($"{PrometheusSecretsFolder}/{remoteWrite.PasswordFile}",
                context => Task.FromResult(context.Services.GetRequiredService<IConfiguration>()[passwordSetting] ?? string.Empty))
            {
                IsSecret = true,
            });
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

    /// <summary>
    /// Alertmanager with its configuration generated at every start (<see cref="AlertmanagerConfiguration"/>): every alert
    /// to the AppHost's alert inbox (<c>/api/alerts</c> on the dashboard port), critical ones also to Slack and e-mail,
    /// warnings to Slack, when SLACK_WEBHOOK_URL and ALERT_EMAIL_TO / SMTP_* are set (a missing one is a logged warning).
    /// The secrets are files only Alertmanager's user reads (0600): natively under the state directory, in a container
    /// under <see cref="AlertmanagerConfiguration.ContainerSecretDirectory"/>, mounted from files of the AppHost's user,
    /// which the container then runs as. No cluster gossip port.
    /// </summary>
    public static IResourceBuilder<AlertmanagerResource> AddAlertmanager(this IDistributedApplicationBuilder builder, string name, int? port = 9093) =>
        AddAlertmanagerCore(builder, name, configFile: null, port);

    /// <summary>Alertmanager with your own configuration file (relative to the AppHost folder) instead of the generated one; no cluster gossip port.</summary>
    public static IResourceBuilder<AlertmanagerResource> AddAlertmanager(this IDistributedApplicationBuilder builder, string name, string configFile, int? port = 9093) =>
        AddAlertmanagerCore(builder, name, configFile, port);

    private static IResourceBuilder<AlertmanagerResource> AddAlertmanagerCore(IDistributedApplicationBuilder builder, string name, string? configFile, int? port)
    {
        const string ContainerFolder = "/etc/alertmanager";
        var alertmanager = new AlertmanagerResource(name);
        var userConfig = configFile is null ? null : Path.GetFullPath(configFile, builder.AppHostDirectory);

        string[] Arguments(string config, string storagePath)
        {
            var endpoint = alertmanager.PrimaryEndpoint;
            return
            [
                $"--config.file={config}",
                $"--storage.path={storagePath}",
                $"--web.listen-address={endpoint.Host}:{endpoint.Allocated.TargetPort}",
                $"--web.external-url={endpoint.Url}",
                "--cluster.listen-address=",
            ];
        }

        var resource = builder.AddResource(alertmanager)
            .WithHttpEndpoint(port: port, targetPort: 9093, name: AlertmanagerResource.PrimaryEndpointName)
            .WithImage("docker.io/prom/alertmanager", "v0.27.0")
            .WithAnnotation(new ContainerArgsAnnotation(() => Arguments($"{ContainerFolder}/{AlertmanagerConfiguration.ConfigFileName}", "/alertmanager"))
            {
                ListensOnAllocatedPorts = true,
            });
        // As natively, where Debian 12's Alertmanager (0.25) cannot read a webhook URL from a file: one layout for both local
        // runtimes, whatever Alertmanager an image under the model's tag happens to have.
        var containerSecrets = new AlertmanagerConfiguration.SecretLayout(AlertmanagerConfiguration.ContainerSecretDirectory, WebhookUrlFromFile: false);
        resource = userConfig is not null
            ? resource.WithBindMount(userConfig, $"{ContainerFolder}/{AlertmanagerConfiguration.ConfigFileName}", isReadOnly: true)
            : resource
                // Secret too: the heartbeat URL is in it.
                .WithAnnotation(new ContainerFileAnnotation($"{ContainerFolder}/{AlertmanagerConfiguration.ConfigFileName}",
                    context => Task.FromResult(AlertmanagerConfiguration.Render(context.Services, name, containerSecrets).Yaml)) { IsSecret = true })
                .WithAnnotation(new ContainerFileAnnotation($"{ContainerFolder}/{AlertmanagerConfiguration.TemplateFileName}",
                    _ => Task.FromResult(AlertmanagerConfiguration.NotificationTemplate)))
                .WithAnnotation(new PublishedFilesAnnotation(context =>
                    PublishedConfiguration(context.Services, name, $"{ContainerFolder}/{AlertmanagerConfiguration.ConfigFileName}")));
        foreach (var secretFile in userConfig is null ? AlertmanagerConfiguration.SecretFiles.All : [])
        {
            resource.WithAnnotation(new ContainerFileAnnotation(containerSecrets.PathOf(secretFile),
                context => Task.FromResult(AlertmanagerConfiguration.Render(context.Services, name, containerSecrets, logWarnings: false).Secrets.GetValueOrDefault(secretFile, string.Empty)))
            {
                IsSecret = true,
            });
        }

        return resource
            .WithAnnotation(new RequiredPackagesAnnotation("prometheus-alertmanager", ["prometheus-alertmanager"]))
            .WithAnnotation(new NativeRecipeAnnotation("prometheus-alertmanager")
            {
                Prepare = async context =>
                {
                    if (userConfig is null)
                    {
                        var secretDirectory = Path.Combine(context.StateDirectory, "secrets");
                        var configuration = AlertmanagerConfiguration.Render(context.Services, name, new AlertmanagerConfiguration.SecretLayout(secretDirectory, WebhookUrlFromFile: false));
                        await AlertmanagerConfiguration.WriteAsync(context.StateDirectory, secretDirectory, configuration, context.CancellationToken).ConfigureAwait(false);
                    }
                    else if (!File.Exists(userConfig))
                    {
                        throw new DistributedApplicationException($"Alertmanager '{name}' needs its configuration file {userConfig}, which does not exist. Create it, fix the path given to AddAlertmanager, or drop the path to use the generated configuration.");
                    }
                },
                Configure = context =>
                {
                    context.Args.AddRange(Arguments(userConfig ?? Path.Combine(context.StateDirectory, AlertmanagerConfiguration.ConfigFileName), Path.Combine(context.StateDirectory, "data")));
                    return Task.CompletedTask;
                },
            })
            .WithHttpHealthCheck("/-/ready")
            .WithMetricsEndpoint()
            // No cluster gossip port, as in the model; the rest is the image's default command.
            .WithArgs(context =>
            {
                if (context.ExecutionContext.IsPublishMode)
                {
                    context.Args.AddRange([$"--config.file={ContainerFolder}/{AlertmanagerConfiguration.ConfigFileName}", "--storage.path=/alertmanager", "--cluster.listen-address="]);
                }
            })
            .WithAnnotation(new PublishedContainerUserAnnotation(ContainerUser.Nobody));
    }

    /// <summary>
    /// Alertmanager's generated configuration as deployed, from the settings of the machine that publishes (which
    /// receivers there are; never their secrets' values, which <see cref="AlertmanagerConfiguration.Result.Secrets"/> only
    /// names here). The pinned image (prom/alertmanager v0.27) reads webhook URLs from files too, so a deployment's
    /// configuration holds no secret.
    /// </summary>
    private static PublishedFiles PublishedConfiguration(IServiceProvider services, string name, string configFile)
    {
        var secrets = new AlertmanagerConfiguration.SecretLayout(AlertmanagerConfiguration.ContainerSecretDirectory, WebhookUrlFromFile: true);
        var configuration = AlertmanagerConfiguration.Render(services, name, secrets);
        return new PublishedFiles([(configFile, configuration.Yaml)], [.. configuration.Secrets.Keys.Select(secrets.PathOf)]);
    }
}
