namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The resource's image is built from a Dockerfile: by the container runtime before it runs (AddDockerfile), by the
/// deployment when published (AddDockerfile, PublishAsDockerFile).
/// </summary>
/// <param name="contextPath">The build context, absolute.</param>
/// <param name="dockerfilePath">The Dockerfile, absolute.</param>
/// <param name="stage">The target stage of a multi-stage Dockerfile, or null for the last.</param>
public class DockerfileBuildAnnotation(string contextPath, string dockerfilePath, string? stage) : IResourceAnnotation
{
    public string ContextPath { get; } = contextPath;

    public string DockerfilePath { get; } = dockerfilePath;

    public string? Stage { get; } = stage;

    /// <summary>Build arguments (<c>--build-arg</c>): strings, parameters, or null for a value taken from the builder's environment.</summary>
    public Dictionary<string, object?> BuildArguments { get; } = new(StringComparer.Ordinal);
}
