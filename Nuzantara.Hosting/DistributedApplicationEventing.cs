using Nuzantara.Hosting.ApplicationModel;

namespace Nuzantara.Hosting;

/// <summary>Raised once every resource in the model is ready to start (ports allocated, parameters resolved).</summary>
public sealed record BeforeStartEvent(IServiceProvider Services);

/// <summary>Raised when a resource first becomes healthy; subscribers finish its set-up (for example create databases).</summary>
public sealed record ResourceReadyEvent(IResource Resource, IServiceProvider Services);

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
