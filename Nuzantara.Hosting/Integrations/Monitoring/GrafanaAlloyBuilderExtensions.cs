using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Monitoring;

namespace Nuzantara.Hosting;

/// <summary>Grafana Alloy, Grafana Cloud's collector (Grafana Agent reached its end of life on 2025-11-01).</summary>
public static class GrafanaAlloyBuilderExtensions
{
    private const string ContainerConfigFile = "/etc/alloy/config.alloy";

    private const string ImageName = "docker.io/grafana/alloy";
    private const string ImageTag = "v1.18.1";

    /// <summary>The image the container runtime and published outputs run, <c>name:tag</c>.</summary>
    public const string Image = $"{ImageName}:{ImageTag}";

    /// <summary>
    /// Alloy with <paramref name="configFile"/> (relative to the AppHost folder), reading Prometheus' series from
    /// <paramref name="prometheus"/> and the OTLP of every resource declared so far that exports it: those now export
    /// to Alloy, which forwards to Grafana Cloud and, unchanged with their API key header, to the AppHost's dashboard.
    /// Call it after the resources whose telemetry should reach Grafana Cloud. The Grafana Cloud settings
    /// (<see cref="GrafanaCloudSettings"/>) become secret parameters named after them (GRAFANA_API_KEY is
    /// <c>grafana-api-key</c>) that Alloy's environment declares: the process runtime gives them to Alloy alone, and a
    /// published deployment leaves them to its operator (Compose's .env, Kubernetes Secrets).
    /// Natively it needs the <c>alloy</c> package from Grafana's apt repository (https://apt.grafana.com), which Debian
    /// does not ship.
    /// </summary>
    public static IResourceBuilder<GrafanaAlloyResource> AddGrafanaAlloy(this IDistributedApplicationBuilder builder, string name,
        IResourceBuilder<PrometheusResource> prometheus, string configFile = "monitoring/alloy/config.alloy")
    {
        GrafanaCloudSettings.ThrowIfEndpointsMissing(builder.Configuration, $"Grafana Alloy '{name}'");

        var cloudSettings = GrafanaCloudSettings.Configured(builder.Configuration)
            .Select(key => (Key: key, Parameter: builder.AddParameterFromConfiguration(key.ToLowerInvariant().Replace('_', '-'), key, secret: true).Resource))
            .ToList();
        var alloy = new GrafanaAlloyResource(name);
        var fullConfigPath = Path.GetFullPath(configFile, builder.AppHostDirectory);
        var otlpSources = builder.Resources.Where(r => r.OfAnnotation<OtlpExporterAnnotation>().Any()).OfType<IResourceWithEnvironment>().ToList();

        var resource = builder.AddResource(alloy)
            .WithHttpEndpoint(port: 12345, targetPort: 12345, name: GrafanaAlloyResource.PrimaryEndpointName)
            .WithEndpoint(port: 4317, targetPort: 4317, scheme: "http", name: GrafanaAlloyResource.OtlpGrpcEndpointName)
            .WithEndpoint(port: 4318, targetPort: 4318, scheme: "http", name: GrafanaAlloyResource.OtlpHttpEndpointName)
            .WithImage(ImageName, ImageTag)
            .WithBindMount(fullConfigPath, ContainerConfigFile, isReadOnly: true)
            // The host's logs, which config.alloy ships; publishers make this a host path (Kubernetes: a DaemonSet).
            .WithBindMount("/var/log", "/var/log", isReadOnly: true)
            .WaitFor(prometheus)
            // The AppHost then gives Alloy its OTLP/HTTP receiver's address, as to any exporter: Alloy forwards there.
            .WithAnnotation(new OtlpExporterAnnotation(OtlpProtocol.HttpProtobuf))
            .WithEnvironment(context =>
            {
                if (context.EnvironmentVariables.GetValueOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT") is { } appHostOtlp)
                {
                    context.EnvironmentVariables["NUZANTARA_OTLP_HTTP_ENDPOINT"] = appHostOtlp;
                }

                foreach (var (key, parameter) in cloudSettings)
                {
                    context.EnvironmentVariables[key] = parameter;
                }

                context.EnvironmentVariables["PROMETHEUS_URL"] = prometheus.Resource.PrimaryEndpoint;
                context.EnvironmentVariables["ALLOY_OTLP_GRPC_LISTEN"] = Listen(alloy, GrafanaAlloyResource.OtlpGrpcEndpointName);
                context.EnvironmentVariables["ALLOY_OTLP_HTTP_LISTEN"] = Listen(alloy, GrafanaAlloyResource.OtlpHttpEndpointName);
            })
            .WithAnnotation(new ContainerArgsAnnotation(() => Arguments(alloy, "/var/lib/alloy/data", ContainerConfigFile)))
            .WithAnnotation(new RequiredPackagesAnnotation("alloy", ["alloy"]))
            .WithAnnotation(new NativeRecipeAnnotation("alloy")
            {
                Configure = context =>
                {
                    context.Args.AddRange(Arguments(alloy, Path.Combine(context.StateDirectory, "data"), fullConfigPath));
                    return Task.CompletedTask;
                },
            })
            .WithHttpHealthCheck("/-/ready")
            .WithMetricsEndpoint();

        foreach (var source in otlpSources)
        {
            builder.CreateResourceBuilder(source).WithEnvironment(context => RedirectOtlp(context, alloy));
        }

        return resource;
    }

    /// <summary>
    /// Points a resource's OTLP exporter at Alloy's receiver of the same protocol, keeping its headers (the AppHost's
    /// API key, which Alloy passes on to the dashboard). The AppHost set the endpoint first; without it (dashboard off)
    /// the resource exports nowhere, and Alloy changes nothing.
    /// </summary>
    private static void RedirectOtlp(EnvironmentCallbackContext context, GrafanaAlloyResource alloy)
    {
        if (!context.EnvironmentVariables.ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"))
        {
            return;
        }

        var grpc = context.EnvironmentVariables.GetValueOrDefault("OTEL_EXPORTER_OTLP_PROTOCOL") as string == "grpc";
        context.EnvironmentVariables["OTEL_EXPORTER_OTLP_ENDPOINT"] =
            new EndpointReference(alloy, grpc ? GrafanaAlloyResource.OtlpGrpcEndpointName : GrafanaAlloyResource.OtlpHttpEndpointName);
    }

    private static ReferenceExpression Listen(GrafanaAlloyResource alloy, string endpointName)
    {
        var endpoint = new EndpointReference(alloy, endpointName);
        return ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.Host)}:{endpoint.Property(EndpointProperty.TargetPort)}");
    }

    private static string[] Arguments(GrafanaAlloyResource alloy, string storagePath, string configFile) =>
    [
        "run",
        $"--server.http.listen-addr={alloy.PrimaryEndpoint.Host}:{alloy.PrimaryEndpoint.Allocated.TargetPort}",
        $"--storage.path={storagePath}",
        configFile,
    ];
}
