using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Monitoring;
using Nuzantara.Hosting.Publishing;

namespace Nuzantara.Hosting;

/// <summary>The Prometheus exporters: node (the host), Redis, PostgreSQL, and cAdvisor (containers only).</summary>
public static class ExporterBuilderExtensions
{
    public static IResourceBuilder<NodeExporterResource> AddNodeExporter(this IDistributedApplicationBuilder builder, string name, int? port = 9100)
    {
        var exporter = new NodeExporterResource(name);
        return builder.AddResource(exporter)
            .WithHttpEndpoint(port: port, targetPort: 9100, name: NodeExporterResource.PrimaryEndpointName)
            .WithImage("quay.io/prometheus/node-exporter", "v1.8.2")
            .WithBindMount("/", "/host", isReadOnly: true)
            .WithAnnotation(new ContainerEntrypointAnnotation(null, ["--path.rootfs=/host"]))
            .WithAnnotation(ContainerListenArgs(exporter.PrimaryEndpoint))
            .WithAnnotation(new RequiredPackagesAnnotation("prometheus-node-exporter", ["prometheus-node-exporter"]))
            .WithAnnotation(new NativeRecipeAnnotation("prometheus-node-exporter")
            {
                Configure = async context =>
                {
                    await ListenOn(exporter.PrimaryEndpoint)(context).ConfigureAwait(false);
                    // Debian's package enables the systemd collector, which fails every scrape where systemd is not PID 1.
                    if (!Directory.Exists("/run/systemd/system"))
                    {
                        context.Args.Add("--no-collector.systemd");
                    }
                },
            })
            .WithHttpHealthCheck("/metrics")
            .WithMetricsEndpoint()
            .WithAnnotation(new PublishedContainerUserAnnotation(ContainerUser.Nobody));
    }

    public static IResourceBuilder<RedisExporterResource> AddRedisExporter(this IDistributedApplicationBuilder builder, string name, IResourceBuilder<RedisResource> redis, int? port = 9121)
    {
        var exporter = new RedisExporterResource(name);
        var endpoint = redis.Resource.PrimaryEndpoint;
        return builder.AddResource(exporter)
            .WithHttpEndpoint(port: port, targetPort: 9121, name: RedisExporterResource.PrimaryEndpointName)
            .WithImage("docker.io/oliver006/redis_exporter", "v1.62.0")
            .WithAnnotation(new ResourceRelationshipAnnotation(redis.Resource, ResourceRelationshipTypes.Reference))
            .WithEnvironment("REDIS_ADDR", ReferenceExpression.Create($"redis://{endpoint.Property(EndpointProperty.HostAndPort)}"))
            .WithEnvironment(context => context.EnvironmentVariables["REDIS_PASSWORD"] = redis.Resource.PasswordParameter)
            .WithAnnotation(ContainerListenArgs(exporter.PrimaryEndpoint))
            .WithAnnotation(new RequiredPackagesAnnotation("prometheus-redis-exporter", ["prometheus-redis-exporter"]))
            .WithAnnotation(new NativeRecipeAnnotation("prometheus-redis-exporter") { Configure = ListenOn(exporter.PrimaryEndpoint) })
            .WithHttpHealthCheck("/metrics")
            .WithMetricsEndpoint()
            // oliver006/redis_exporter: USER 59000:59000, built FROM scratch: nothing in the image to run a check with.
            .WithAnnotation(new PublishedContainerUserAnnotation(new ContainerUser(59000, 59000)))
            .WithAnnotation(new HttpCheckToolAnnotation(HttpCheckTool.None));
    }

    public static IResourceBuilder<PostgresExporterResource> AddPostgresExporter(this IDistributedApplicationBuilder builder, string name, IResourceBuilder<PostgresServerResource> postgres, int? port = 9187)
    {
        var exporter = new PostgresExporterResource(name);
        var endpoint = postgres.Resource.PrimaryEndpoint;
        return builder.AddResource(exporter)
            .WithHttpEndpoint(port: port, targetPort: 9187, name: PostgresExporterResource.PrimaryEndpointName)
            .WithImage("quay.io/prometheuscommunity/postgres-exporter", "v0.15.0")
            // pg_postmaster_start_time_seconds, ContainerRestarted's signal of a PostgreSQL restart under Compose and
            // Kubernetes. Debian's 0.11 has no such collector; the AppHost's restart counter covers the process runtime.
            .WithAnnotation(new ContainerEntrypointAnnotation(null, ["--collector.postmaster"]))
            .WithAnnotation(new ResourceRelationshipAnnotation(postgres.Resource, ResourceRelationshipTypes.Reference))
            .WithEnvironment("DATA_SOURCE_NAME", DataSourceName(postgres.Resource))
            .WithAnnotation(ContainerListenArgs(exporter.PrimaryEndpoint))
            .WithAnnotation(new RequiredPackagesAnnotation("prometheus-postgres-exporter", ["prometheus-postgres-exporter"]))
            .WithAnnotation(new NativeRecipeAnnotation("prometheus-postgres-exporter") { Configure = ListenOn(exporter.PrimaryEndpoint) })
            .WithHttpHealthCheck("/metrics")
            .WithMetricsEndpoint()
            .WithAnnotation(new PublishedContainerUserAnnotation(ContainerUser.Nobody));
    }

    /// <summary>The server's superuser, the user and password escaped as URI components (a password may hold '@' or '/').</summary>
    private static ReferenceExpression DataSourceName(PostgresServerResource postgres)
    {
        var address = postgres.PrimaryEndpoint.Property(EndpointProperty.HostAndPort);
        return postgres.UserNameParameter is { } user
            ? ReferenceExpression.Create($"postgresql://{user:uri}:{postgres.PasswordParameter:uri}@{address}/postgres?sslmode=disable")
            : ReferenceExpression.Create($"postgresql://{PostgresServerResource.DefaultUserName}:{postgres.PasswordParameter:uri}@{address}/postgres?sslmode=disable");
    }

    /// <summary>
    /// cAdvisor: per-container CPU, memory and restarts. It exists only as a container; in the process runtime it is
    /// NotStarted and the AppHost's own resource metrics (<c>nuzantara_resource_*</c>) fill its role.
    /// </summary>
    public static IResourceBuilder<CAdvisorResource> AddCAdvisor(this IDistributedApplicationBuilder builder, string name, int? port = 8081)
    {
        var cadvisor = new CAdvisorResource(name);
        return builder.AddResource(cadvisor)
            .WithHttpEndpoint(port: port, targetPort: 8080, name: CAdvisorResource.PrimaryEndpointName)
            .WithImage("gcr.io/cadvisor/cadvisor", "v0.49.1")
            .WithAnnotation(new ContainerArgsAnnotation(() =>
                [$"--listen_ip={cadvisor.PrimaryEndpoint.Host}", $"--port={cadvisor.PrimaryEndpoint.Allocated.TargetPort}"])
            {
                ListensOnAllocatedPorts = true,
            })
            .WithBindMount("/", "/rootfs", isReadOnly: true)
            .WithBindMount("/var/run", "/var/run", isReadOnly: true)
            .WithBindMount("/sys", "/sys", isReadOnly: true)
            .WithBindMount("/var/lib/docker", "/var/lib/docker", isReadOnly: true)
            .WithAnnotation(new ContainerOnlyAnnotation(
                "cAdvisor runs only as a container and no container engine is in use. Per-resource CPU, memory and restarts " +
                "come from the AppHost's own metrics (nuzantara_resource_*), which Prometheus scrapes as job 'apphost'."))
            .WithHttpHealthCheck("/healthz")
            .WithMetricsEndpoint();
    }

    /// <summary>On the host's network the exporter images listen where the model says, as their native processes do.</summary>
    private static ContainerArgsAnnotation ContainerListenArgs(EndpointReference endpoint) =>
        new(() => [$"--web.listen-address={endpoint.Host}:{endpoint.Allocated.TargetPort}"]) { ListensOnAllocatedPorts = true };

    private static Func<NativeLaunchContext, Task> ListenOn(EndpointReference endpoint) => context =>
    {
        context.Args.Add($"--web.listen-address={endpoint.Host}:{endpoint.Allocated.TargetPort}");
        return Task.CompletedTask;
    };
}
