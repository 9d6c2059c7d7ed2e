namespace Aspire.Hosting.Eventing;

/// <summary>A subscription to one resource's events; a null resource receives them for every resource.</summary>
public class DistributedApplicationResourceEventSubscription(IResource? resource, Func<IDistributedApplicationResourceEvent, CancellationToken, Task> callback)
    : DistributedApplicationEventSubscription((e, ct) => callback((IDistributedApplicationResourceEvent)e, ct))
{
    public IResource? Resource { get; } = resource;
}
