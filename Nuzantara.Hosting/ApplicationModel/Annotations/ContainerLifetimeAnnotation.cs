namespace Aspire.Hosting.ApplicationModel;

/// <summary>The lifetime WithLifetime gave a container resource; without it the container is session-scoped.</summary>
public sealed class ContainerLifetimeAnnotation : IResourceAnnotation
{
    public required ContainerLifetime Lifetime { get; set; }
}
