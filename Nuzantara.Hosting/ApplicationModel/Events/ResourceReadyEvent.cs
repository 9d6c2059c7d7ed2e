namespace Aspire.Hosting.ApplicationModel;

/// <summary>Raised when a resource first becomes healthy; subscribers finish its set-up (for example create databases).</summary>
public class ResourceReadyEvent(IResource resource, IServiceProvider services) : IDistributedApplicationResourceEvent
{
    public IResource Resource { get; } = resource;

    public IServiceProvider Services { get; } = services;
}
