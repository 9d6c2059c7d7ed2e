using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Monitoring;

namespace Nuzantara.Hosting.Publishing;

/// <summary>
/// What a published container needs that the runtimes prepare at launch on this machine: Prometheus' configuration
/// for the container network, Alertmanager's with its secrets in the deployment's secret store, the arguments
/// Prometheus and Alertmanager run with (the model's launch-time arguments name host-network listen addresses), and
/// PostgreSQL's data volume and databases. Everything here follows the official images' layout.
/// </summary>
internal static class ContainerConventions
{
    private const string PrometheusConfigFile = "/etc/prometheus/prometheus.yml";
    private const string AlertmanagerConfigFile = "/etc/alertmanager/" + AlertmanagerConfiguration.ConfigFileName;
    private const string PostgresDataDirectory = "/var/lib/postgresql/data";
    private const string PostgresInitDirectory = "/docker-entrypoint-initdb.d";

    /// <summary>The pinned image (prom/alertmanager v0.27) reads webhook URLs from files too, so a deployment's configuration holds no secret.</summary>
    private static readonly AlertmanagerConfiguration.SecretLayout AlertmanagerSecrets = new(AlertmanagerConfiguration.ContainerSecretDirectory, WebhookUrlFromFile: true);

    /// <summary>Arguments in place of the image's default command; empty keeps the image's.</summary>
    public static IReadOnlyList<string> Arguments(IResource resource) => resource switch
    {
        PrometheusResource prometheus =>
        [
            $"--config.file={PrometheusConfigFile}",
            "--storage.tsdb.path=/prometheus",
            $"--storage.tsdb.retention.time={PrometheusConfiguration.RetentionArgument(prometheus)}",
            "--web.enable-lifecycle",
        ],
        // No cluster gossip port, as in the model; the rest is the image's default command.
        AlertmanagerResource => [$"--config.file={AlertmanagerConfigFile}", "--storage.path=/alertmanager", "--cluster.listen-address="],
        _ => [],
    };

    /// <summary>Files generated from the model, as (container path, content).</summary>
    /// <param name="address">The <c>host:port</c> at which other containers reach an endpoint.</param>
    public static IEnumerable<(string Target, string Content)> Files(IResource resource, IEnumerable<IResource> resources, string environmentName,
        Func<EndpointReference, string> address)
    {
        switch (resource)
        {
            case PrometheusResource prometheus:
                yield return (PrometheusConfigFile,
                    PrometheusConfiguration.Render(resources, prometheus, environmentName, address, [], path => RuleFileInContainer(prometheus, path)));
                break;

            // The image runs these scripts when it initialises an empty data directory, as the runtimes create the databases at start.
            case PostgresServerResource postgres when resources.OfType<PostgresDatabaseResource>().Where(d => d.Parent == postgres).ToList() is { Count: > 0 } databases:
                yield return ($"{PostgresInitDirectory}/create-databases.sql",
                    string.Concat(databases.Select(d => $"CREATE DATABASE \"{d.DatabaseName.Replace("\"", "\"\"", StringComparison.Ordinal)}\";\n")));
                break;
        }
    }

    /// <summary>
    /// Alertmanager's generated configuration as deployed, from the settings of the machine that publishes (which
    /// receivers there are; never their secrets' values, which <see cref="AlertmanagerConfiguration.Result.Secrets"/> only
    /// names here), or null where the model gives Alertmanager a configuration file of its own.
    /// </summary>
    public static (string Target, string Content, IReadOnlyList<string> SecretTargets)? Alertmanager(IResource resource, IServiceProvider services)
    {
        if (resource is not AlertmanagerResource || resource.OfAnnotation<ContainerFileAnnotation>().All(f => f.Target != AlertmanagerConfigFile))
        {
            return null;
        }

        var configuration = AlertmanagerConfiguration.Render(services, resource.Name, AlertmanagerSecrets);
        return (AlertmanagerConfigFile, configuration.Yaml, [.. configuration.Secrets.Keys.Select(AlertmanagerSecrets.PathOf)]);
    }

    /// <summary>A volume the published container needs even if the model has none.</summary>
    public static VolumeMount? ImpliedVolume(IResource resource) =>
        // The process runtime always keeps PostgreSQL's data; a deployment that lost it at every restart would surprise.
        resource is PostgresServerResource && !resource.OfAnnotation<ContainerMountAnnotation>().Any(m => m.Target == PostgresDataDirectory)
            ? new VolumeMount($"{resource.Name}-data", PostgresDataDirectory, IsReadOnly: false) { IsImplied = true }
            : null;

    /// <summary>The port an endpoint listens on when the model leaves it to the deployment: ASP.NET Core's container defaults.</summary>
    public static int ProjectTargetPort(string scheme, int index) => (scheme == "https" ? 8443 : 8080) + index;

    /// <summary>A rule file (a host path, or a folder's <c>*.yml</c>) where the container sees it: under the target of the bind mount of its folder.</summary>
    private static string RuleFileInContainer(PrometheusResource prometheus, string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        var mount = prometheus.OfAnnotation<ContainerMountAnnotation>().LastOrDefault(m => m.Type == ContainerMountType.BindMount && m.Source == folder)
            ?? throw new DistributedApplicationException(
                $"Prometheus '{prometheus.Name}' loads rule file {path}, but no bind mount gives the container its folder: add rule files with WithRuleFiles.");
        return $"{mount.Target.TrimEnd('/')}/{Path.GetFileName(path)}";
    }
}
