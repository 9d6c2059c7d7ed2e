namespace Aspire.Hosting.Docker;

/// <summary>
/// The Docker Compose environment (AddDockerComposeEnvironment): publishing writes docker-compose.yaml and .env for the
/// whole application, on <see cref="DefaultNetworkName"/>, with the Aspire dashboard unless <see cref="DashboardEnabled"/> is off.
/// </summary>
public class DockerComposeEnvironmentResource(string name) : Resource(name), IComputeEnvironmentResource
{
    /// <summary>The network every service joins; <c>aspire</c> when not set.</summary>
    public string? DefaultNetworkName { get; set; }

    /// <summary>Whether the Aspire dashboard is published as a service and resources send it their telemetry.</summary>
    public bool DashboardEnabled { get; set; } = true;
}
