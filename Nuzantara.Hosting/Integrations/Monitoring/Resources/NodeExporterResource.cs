namespace Nuzantara.Hosting.Monitoring;

/// <summary>Prometheus node-exporter: the host's CPU, memory, disk and network.</summary>
public sealed class NodeExporterResource(string name) : ContainerResource(name)
{
    public const string PrimaryEndpointName = "http";

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);
}
