namespace Nuzantara.Hosting.Monitoring;

/// <summary>cAdvisor: per-container CPU, memory and restarts. It exists only as a container.</summary>
public sealed class CAdvisorResource(string name) : ContainerResource(name)
{
    public const string PrimaryEndpointName = "http";

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);
}
