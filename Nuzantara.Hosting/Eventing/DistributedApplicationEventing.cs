namespace Aspire.Hosting.Eventing;

/// <summary>Lifecycle as events rather than callbacks threaded through constructors, as in Aspire.</summary>
public sealed class DistributedApplicationEventing
{
    private readonly List<(Type EventType, IResource? Resource, Func<object, CancellationToken, Task> Handler)> _subscriptions = [];

    public void Subscribe<TEvent>(Func<TEvent, CancellationToken, Task> handler) =>
        _subscriptions.Add((typeof(TEvent), null, (e, ct) => handler((TEvent)e, ct)));

    public void Subscribe<TEvent>(IResource resource, Func<TEvent, CancellationToken, Task> handler) =>
        _subscriptions.Add((typeof(TEvent), resource, (e, ct) => handler((TEvent)e, ct)));

    public async Task PublishAsync<TEvent>(TEvent resourceEvent, IResource? resource, CancellationToken cancellationToken)
    {
        foreach (var (eventType, subscribedResource, handler) in _subscriptions.ToArray())
        {
            if (eventType == typeof(TEvent) && (subscribedResource is null || ReferenceEquals(subscribedResource, resource)))
            {
                await handler(resourceEvent!, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
