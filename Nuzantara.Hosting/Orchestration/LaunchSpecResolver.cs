using Nuzantara.Hosting.ApplicationModel;

namespace Nuzantara.Hosting.Orchestration;

/// <summary>
/// Computes what a resource is launched with in run mode: its <see cref="ResourceConfiguration"/> with the OTEL_* settings
/// Aspire injects into every resource that exports telemetry, resolved to this run's values.
/// </summary>
internal sealed class LaunchSpecResolver(HostingOptions options, DistributedApplicationExecutionContext executionContext, OtlpSettings otlp)
{
    public async Task<LaunchSpec> ResolveAsync(IResource resource, CancellationToken cancellationToken)
    {
        // Without the AppHost's receiver (dashboard disabled) an endpoint would only make exporters retry into the void.
        Action<Dictionary<string, object>>? addOtlpEnvironment = options.DashboardPort > 0 && resource.TryGetLastAnnotation<OtlpExporterAnnotation>(out var exporter)
            ? environment => AddOtlpEnvironment(resource, exporter, environment)
            : null;
        var configuration = await ResourceConfiguration.EvaluateAsync(resource, executionContext, addOtlpEnvironment).ConfigureAwait(false);
        var (environment, arguments) = await configuration.ResolveAsync(cancellationToken).ConfigureAwait(false);
        return new LaunchSpec(environment, arguments);
    }

    private void AddOtlpEnvironment(IResource resource, OtlpExporterAnnotation exporter, Dictionary<string, object> environment)
    {
        var (endpoint, protocol) = exporter.Protocol switch
        {
            OtlpProtocol.Grpc => ($"http://{options.BindAddress}:{options.OtlpGrpcPort}", "grpc"),
            OtlpProtocol.HttpProtobuf => ($"http://{options.BindAddress}:{options.OtlpHttpPort}", "http/protobuf"),
            _ => ($"http://{options.BindAddress}:{options.OtlpHttpPort}", "http/json"),
        };
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint;
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol;
        environment["OTEL_EXPORTER_OTLP_HEADERS"] = $"x-otlp-api-key={otlp.ApiKey}";
        // Replicas are one service, told apart by their instance id: the replica's own name, unique already.
        environment["OTEL_SERVICE_NAME"] = resource is Replicas.ProjectReplicaResource replica ? replica.Parent.Name : resource.Name;
        environment["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={(resource is Replicas.ProjectReplicaResource ? resource.Name : $"{resource.Name}-{otlp.InstanceSuffix}")}";
        // Aspire's development settings: export every second so telemetry shows up while one watches.
        environment["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
        environment["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
        environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        environment["OTEL_TRACES_SAMPLER"] = "always_on";
        environment["OTEL_METRICS_EXEMPLAR_FILTER"] = "trace_based";
    }
}

/// <summary>The AppHost's OTLP receiver key (kept in the secret store) and this run's instance suffix.</summary>
internal sealed record OtlpSettings(string ApiKey, string InstanceSuffix);
