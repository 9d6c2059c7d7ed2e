using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Raised once per resource when the application starts, after its initial state is published: a custom resource's
/// code starts its work here. Subscribers run in the background (Aspire's non-blocking concurrent dispatch) and their
/// token is cancelled when the application stops.
/// </summary>
public class InitializeResourceEvent(
    IResource resource,
    IDistributedApplicationEventing distributedApplicationEventing,
    ResourceLoggerService resourceLoggerService,
    ResourceNotificationService resourceNotificationService,
    IServiceProvider services) : IDistributedApplicationResourceEvent
{
    public IResource Resource { get; } = resource;

    public IDistributedApplicationEventing Eventing { get; } = distributedApplicationEventing;

    /// <summary>Writes to the resource's own log (its console on the dashboard).</summary>
    public ILogger Logger { get; } = resourceLoggerService.GetLogger(resource);

    public ResourceNotificationService Notifications { get; } = resourceNotificationService;

    public IServiceProvider Services { get; } = services;
}
