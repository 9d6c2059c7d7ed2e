namespace Nuzantara.Hosting.Monitoring;

/// <summary>Prometheus: scrapes every resource that exposes metrics; its scrape configuration is generated from the model.</summary>
public sealed class PrometheusResource(string name) : ContainerResource(name)
{
    public const string PrimaryEndpointName = "http";

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);
}
