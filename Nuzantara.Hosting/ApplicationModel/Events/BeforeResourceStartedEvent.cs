namespace Aspire.Hosting.ApplicationModel;

/// <summary>Raised just before a resource's process or container is launched, each time it is (re)started.</summary>
public class BeforeResourceStartedEvent(IResource resource, IServiceProvider services) : IDistributedApplicationResourceEvent
{
    public IResource Resource { get; } = resource;

    public IServiceProvider Services { get; } = services;
}
