using Aspire.Hosting.Docker;

namespace Aspire.Hosting;

/// <summary>Aspire's Docker Compose environment: where <c>aspire publish</c> (<c>--publisher default</c>) writes the application.</summary>
public static class DockerComposeEnvironmentExtensions
{
    /// <summary>
    /// Publishing with <c>--publisher default</c> writes docker-compose.yaml and .env into the output path (the
    /// <c>docker-compose</c> publisher's files, with this environment's settings). As in Aspire, it is no resource of
    /// the model in run mode: nothing runs for it and the dashboard does not list it.
    /// </summary>
    public static IResourceBuilder<DockerComposeEnvironmentResource> AddDockerComposeEnvironment(this IDistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var resource = new DockerComposeEnvironmentResource(name);
        return builder.ExecutionContext.IsRunMode
            ? builder.CreateResourceBuilder(resource)
            : builder.AddResource(resource).ExcludeFromManifest();
    }

    public static IResourceBuilder<DockerComposeEnvironmentResource> WithProperties(this IResourceBuilder<DockerComposeEnvironmentResource> builder, Action<DockerComposeEnvironmentResource> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        configure(builder.Resource);
        return builder;
    }

    /// <summary>Whether the published application includes the Aspire dashboard (and sends it telemetry); on by default.</summary>
    public static IResourceBuilder<DockerComposeEnvironmentResource> WithDashboard(this IResourceBuilder<DockerComposeEnvironmentResource> builder, bool enabled = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.DashboardEnabled = enabled;
        return builder;
    }
}
