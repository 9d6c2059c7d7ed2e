namespace Aspire.Hosting.Lifecycle;

/// <summary>
/// Aspire's older extension point, still used by real AppHosts (eShop's among them): called before the resources
/// start, once their ports are allocated, and once they have been created. Each method does nothing unless implemented.
/// </summary>
[Obsolete("Use IDistributedApplicationEventingSubscriber instead.")]
public interface IDistributedApplicationLifecycleHook
{
    Task BeforeStartAsync(DistributedApplicationModel appModel, CancellationToken cancellationToken = default) => Task.CompletedTask;

    Task AfterEndpointsAllocatedAsync(DistributedApplicationModel appModel, CancellationToken cancellationToken = default) => Task.CompletedTask;

    Task AfterResourcesCreatedAsync(DistributedApplicationModel appModel, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
