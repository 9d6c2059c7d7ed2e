namespace Aspire.Hosting.Eventing;

/// <summary>A subscription, as returned by Subscribe: pass it to Unsubscribe to stop receiving the event.</summary>
public class DistributedApplicationEventSubscription(Func<IDistributedApplicationEvent, CancellationToken, Task> callback)
{
    public Func<IDistributedApplicationEvent, CancellationToken, Task> Callback { get; } = callback;
}
