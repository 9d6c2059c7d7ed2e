namespace Aspire.Hosting.Eventing;

/// <summary>Publishes the application's lifecycle events to their subscribers (Aspire's eventing API).</summary>
public interface IDistributedApplicationEventing
{
    DistributedApplicationEventSubscription Subscribe<T>(Func<T, CancellationToken, Task> callback) where T : IDistributedApplicationEvent;

    /// <summary>Receives <typeparamref name="T"/> only when it is about <paramref name="resource"/>.</summary>
    DistributedApplicationEventSubscription Subscribe<T>(IResource resource, Func<T, CancellationToken, Task> callback) where T : IDistributedApplicationResourceEvent;

    void Unsubscribe(DistributedApplicationEventSubscription subscription);

    Task PublishAsync<T>(T @event, CancellationToken cancellationToken = default) where T : IDistributedApplicationEvent;

    Task PublishAsync<T>(T @event, EventDispatchBehavior dispatchBehavior, CancellationToken cancellationToken = default) where T : IDistributedApplicationEvent;
}
