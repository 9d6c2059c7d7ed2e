namespace Nuzantara.Hosting.Publishing;

/// <summary>
/// The non-root user the resource's image runs as, which the deployments state (<see cref="ContainerUser"/>). An image
/// built from a generated Dockerfile has the user of <see cref="GeneratedDockerfileAnnotation"/> instead.
/// </summary>
internal sealed class PublishedContainerUserAnnotation(ContainerUser user) : IResourceAnnotation
{
    public ContainerUser User { get; } = user;
}
