namespace Aspire.Hosting.ApplicationModel;

/// <summary>Raised once every runnable resource has been handed to its runner; each may still be waiting or starting.</summary>
public class AfterResourcesCreatedEvent(IServiceProvider services, DistributedApplicationModel model) : IDistributedApplicationEvent
{
    public IServiceProvider Services { get; } = services;

    public DistributedApplicationModel Model { get; } = model;
}
