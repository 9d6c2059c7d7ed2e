namespace Nuzantara.Hosting.ApplicationModel;

/// <summary>What a <see cref="ContainerFileAnnotation"/> renders its content from.</summary>
public sealed class ContainerFileContext(IResource resource, IServiceProvider services, CancellationToken cancellationToken)
{
    public IResource Resource { get; } = resource;

    /// <summary>The AppHost's services: <see cref="HostingOptions"/>, the <see cref="DistributedApplicationModel"/>, the host environment.</summary>
    public IServiceProvider Services { get; } = services;

    public CancellationToken CancellationToken { get; } = cancellationToken;
}
