namespace Nuzantara.Hosting.Monitoring;

/// <summary>Prometheus exporter for a Redis server.</summary>
public sealed class RedisExporterResource(string name) : ContainerResource(name)
{
    public const string PrimaryEndpointName = "http";

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);
}
