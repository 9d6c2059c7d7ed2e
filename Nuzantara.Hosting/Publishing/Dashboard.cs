
namespace Nuzantara.Hosting.Publishing;

/// <summary>
/// The Aspire dashboard as a container of a Compose or Kubernetes deployment, standing where the AppHost's own
/// receiver stands when it runs: every resource that exports telemetry is given it as its OTLP endpoint, as Aspire's
/// Compose publisher does. Its UI asks for the login token it prints in its log; OTLP stays inside the network.
/// </summary>
internal static class Dashboard
{
    public const string Name = "aspire-dashboard";

    public const string Image = "mcr.microsoft.com/dotnet/aspire-dashboard:9.5";

    public const int FrontendPort = 18888;

    public const int OtlpGrpcPort = 18889;

    public const int OtlpHttpPort = 18890;

    public static void EnsureNameIsFree(DeploymentModel deployment)
    {
        if (deployment.Resources.Any(r => DeploymentModel.HostName(r.Resource) == Name))
        {
            throw new DistributedApplicationException($"A resource is named '{Name}', the name the published dashboard takes: rename the resource.");
        }
    }

    /// <summary>The OTEL_* settings pointing at the dashboard, then the resource's own variables, which win as they do at run time.</summary>
    public static IReadOnlyList<KeyValuePair<string, object>> EnvironmentWithTelemetry(DeployedResource resource)
    {
        var environment = new Dictionary<string, object>(StringComparer.Ordinal);
        if (resource.Telemetry is { } protocol)
        {
            // The dashboard's OTLP/HTTP takes protobuf only. JSON is what an app exports where it lacks an OpenTelemetry SDK
            // (the Python service on Debian); a published image installs its requirements, the SDK included.
            var (port, name) = protocol == OtlpProtocol.Grpc ? (OtlpGrpcPort, "grpc") : (OtlpHttpPort, "http/protobuf");
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://{Name}:{port}";
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = name;
            environment["OTEL_SERVICE_NAME"] = resource.Name;
        }

        foreach (var (key, value) in resource.Environment)
        {
            environment[key] = value;
        }

        return [.. environment];
    }
}
