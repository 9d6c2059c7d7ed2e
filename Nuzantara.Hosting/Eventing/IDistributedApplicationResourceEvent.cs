namespace Aspire.Hosting.Eventing;

/// <summary>An event about one resource: subscriptions made for that resource receive it.</summary>
public interface IDistributedApplicationResourceEvent : IDistributedApplicationEvent
{
    IResource Resource { get; }
}
