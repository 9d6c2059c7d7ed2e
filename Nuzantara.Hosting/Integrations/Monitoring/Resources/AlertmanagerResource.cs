namespace Nuzantara.Hosting.Monitoring;

/// <summary>Alertmanager: receives Prometheus' alerts and routes them to receivers.</summary>
public sealed class AlertmanagerResource(string name) : ContainerResource(name)
{
    public const string PrimaryEndpointName = "http";

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);
}
