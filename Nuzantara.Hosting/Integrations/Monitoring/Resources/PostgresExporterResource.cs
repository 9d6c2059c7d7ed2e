namespace Nuzantara.Hosting.Monitoring;

/// <summary>Prometheus exporter for a PostgreSQL server.</summary>
public sealed class PostgresExporterResource(string name) : ContainerResource(name)
{
    public const string PrimaryEndpointName = "http";

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);
}
