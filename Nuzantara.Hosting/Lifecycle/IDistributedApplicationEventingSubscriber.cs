namespace Aspire.Hosting.Lifecycle;

/// <summary>
/// A service that subscribes to the application's events when it starts (run mode) or publishes, before
/// <see cref="BeforeStartEvent"/> is raised. Registered with <see cref="EventingSubscriberServiceCollectionExtensions.AddEventingSubscriber{T}"/>.
/// </summary>
public interface IDistributedApplicationEventingSubscriber
{
    Task SubscribeAsync(IDistributedApplicationEventing eventing, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken);
}
