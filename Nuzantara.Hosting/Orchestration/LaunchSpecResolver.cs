
namespace Nuzantara.Hosting.Orchestration;

/// <summary>
/// Computes what a resource is launched with in run mode: its environment and argument callbacks, the port variables
/// of its endpoints, and the OTEL_* settings Aspire injects into every resource that exports telemetry.
/// </summary>
internal sealed class LaunchSpecResolver(HostingOptions options, DistributedApplicationExecutionContext executionContext, OtlpSettings otlp)
{
    public async Task<LaunchSpec> ResolveAsync(IResource resource, CancellationToken cancellationToken)
    {
        var environmentContext = new EnvironmentCallbackContext(executionContext, resource);
        foreach (var endpoint in resource.GetEndpoints().Where(e => e.TargetPortEnvironmentVariable is not null))
        {
            environmentContext.EnvironmentVariables[endpoint.TargetPortEnvironmentVariable!] = new EndpointReference((IResourceWithEndpoints)resource, endpoint.Name).Property(EndpointProperty.TargetPort);
        }

        // Without the AppHost's receiver (dashboard disabled) an endpoint would only make exporters retry into the void.
        if (options.DashboardPort > 0 && resource.TryGetLastAnnotation<OtlpExporterAnnotation>(out var otlpExporter))
        {
            AddOtlpEnvironment(resource, otlpExporter, environmentContext.EnvironmentVariables);
        }

        foreach (var callback in resource.OfAnnotation<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(environmentContext).ConfigureAwait(false);
        }

        var argsContext = new CommandLineArgsCallbackContext(executionContext, resource);
        foreach (var callback in resource.OfAnnotation<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(argsContext).ConfigureAwait(false);
        }

        return await ResolveAsync(environmentContext.EnvironmentVariables, argsContext.Args, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<LaunchSpec> ResolveAsync(IReadOnlyDictionary<string, object> environment, IReadOnlyList<object> args, CancellationToken cancellationToken)
    {
        var resolvedEnvironment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in environment)
        {
            resolvedEnvironment[key] = await ResolveValueAsync(value, cancellationToken).ConfigureAwait(false);
        }

        var resolvedArgs = new List<string>(args.Count);
        foreach (var arg in args)
        {
            resolvedArgs.Add(await ResolveValueAsync(arg, cancellationToken).ConfigureAwait(false));
        }

        return new LaunchSpec(resolvedEnvironment, resolvedArgs);
    }

    private static async Task<string> ResolveValueAsync(object value, CancellationToken cancellationToken) => value switch
    {
        string text => text,
        IValueProvider provider => await provider.GetValueAsync(cancellationToken).ConfigureAwait(false) ?? string.Empty,
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

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
