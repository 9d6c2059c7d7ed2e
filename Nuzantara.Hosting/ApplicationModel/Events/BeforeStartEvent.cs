namespace Aspire.Hosting.ApplicationModel;

/// <summary>Raised once every resource in the model is ready to start (ports allocated, parameters resolved).</summary>
public class BeforeStartEvent(IServiceProvider services, DistributedApplicationModel model) : IDistributedApplicationEvent
{
    public IServiceProvider Services { get; } = services;

    public DistributedApplicationModel Model { get; } = model;
}
