namespace Nuzantara.Hosting.Monitoring;

/// <summary>
/// Grafana Alloy, shipping the stack's telemetry to Grafana Cloud: Prometheus' series by remote write, the services'
/// OTLP traces and logs through its OTLP receiver (which also passes them on to the AppHost's dashboard).
/// </summary>
public sealed class GrafanaAlloyResource(string name) : ContainerResource(name)
{
    /// <summary>Alloy's own UI and /metrics.</summary>
    public const string PrimaryEndpointName = "http";

    public const string OtlpGrpcEndpointName = "otlp-grpc";

    public const string OtlpHttpEndpointName = "otlp-http";

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);
}
