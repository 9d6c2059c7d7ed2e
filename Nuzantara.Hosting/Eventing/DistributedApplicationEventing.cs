namespace Aspire.Hosting.Eventing;

/// <summary>Lifecycle as events rather than callbacks threaded through constructors, as in Aspire.</summary>
public class DistributedApplicationEventing : IDistributedApplicationEventing
{
    private readonly List<(Type EventType, DistributedApplicationEventSubscription Subscription)> _subscriptions = [];
    private readonly Lock _gate = new();

    public DistributedApplicationEventSubscription Subscribe<T>(Func<T, CancellationToken, Task> callback) where T : IDistributedApplicationEvent =>
        Add(typeof(T), new DistributedApplicationEventSubscription((e, ct) => callback((T)e, ct)));

    public DistributedApplicationEventSubscription Subscribe<T>(IResource resource, Func<T, CancellationToken, Task> callback) where T : IDistributedApplicationResourceEvent =>
        Add(typeof(T), new DistributedApplicationResourceEventSubscription(resource, (e, ct) => callback((T)e, ct)));

    public void Unsubscribe(DistributedApplicationEventSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.RemoveAll(s => ReferenceEquals(s.Subscription, subscription));
        }
    }

    public Task PublishAsync<T>(T @event, CancellationToken cancellationToken = default) where T : IDistributedApplicationEvent =>
        PublishAsync(@event, EventDispatchBehavior.BlockingSequential, cancellationToken);

    public Task PublishAsync<T>(T @event, EventDispatchBehavior dispatchBehavior, CancellationToken cancellationToken = default) where T : IDistributedApplicationEvent
    {
        var resource = (@event as IDistributedApplicationResourceEvent)?.Resource;
        List<DistributedApplicationEventSubscription> receivers;
        lock (_gate)
        {
            // Subscribed by the type the publisher names, as in Aspire; a resource subscription only hears about its resource.
            receivers = [.. _subscriptions
                .Where(s => s.EventType == typeof(T))
                .Select(s => s.Subscription)
                .Where(s => s is not DistributedApplicationResourceEventSubscription { Resource: { } subscribed } || ReferenceEquals(subscribed, resource))];
        }

        return dispatchBehavior switch
        {
            EventDispatchBehavior.BlockingSequential => RunSequentiallyAsync(receivers, @event, cancellationToken),
            EventDispatchBehavior.BlockingConcurrent => Task.WhenAll(receivers.Select(s => s.Callback(@event, cancellationToken))),
            EventDispatchBehavior.NonBlockingSequential => Detach(Task.Run(() => RunSequentiallyAsync(receivers, @event, cancellationToken), cancellationToken)),
            EventDispatchBehavior.NonBlockingConcurrent => Detach(Task.WhenAll(receivers.Select(s => Task.Run(() => s.Callback(@event, cancellationToken), cancellationToken)))),
            _ => throw new ArgumentOutOfRangeException(nameof(dispatchBehavior), dispatchBehavior, null),
        };
    }

    private DistributedApplicationEventSubscription Add(Type eventType, DistributedApplicationEventSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Add((eventType, subscription));
        }

        return subscription;
    }

    private static async Task RunSequentiallyAsync(List<DistributedApplicationEventSubscription> receivers, IDistributedApplicationEvent @event, CancellationToken cancellationToken)
    {
        foreach (var receiver in receivers)
        {
            await receiver.Callback(@event, cancellationToken).ConfigureAwait(false);
        }
    }

    // The publisher does not wait; a failing subscriber must not surface as an unobserved task exception either.
    private static Task Detach(Task dispatch)
    {
        _ = dispatch.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return Task.CompletedTask;
    }
}
