using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Hosting.Lifecycle;

/// <summary>
/// What the application tells its extensions as it starts or publishes, in Aspire's order: eventing subscribers
/// subscribe, <see cref="BeforeStartEvent"/> is raised, then lifecycle hooks' BeforeStart (and, ports being allocated
/// by then, AfterEndpointsAllocated); once the resources are created, <see cref="AfterResourcesCreatedEvent"/> and the
/// hooks' AfterResourcesCreated.
/// </summary>
#pragma warning disable CS0618 // The hooks are obsolete in Aspire too, and still honoured there.
internal sealed class StartupNotifications(IServiceProvider services, DistributedApplicationModel model)
{
    public async Task BeforeStartAsync(CancellationToken cancellationToken)
    {
        var eventing = services.GetRequiredService<IDistributedApplicationEventing>();
        var executionContext = services.GetRequiredService<DistributedApplicationExecutionContext>();
        foreach (var subscriber in services.GetServices<IDistributedApplicationEventingSubscriber>())
        {
            await subscriber.SubscribeAsync(eventing, executionContext, cancellationToken).ConfigureAwait(false);
        }

        await eventing.PublishAsync(new BeforeStartEvent(services, model), cancellationToken).ConfigureAwait(false);
        var hooks = services.GetServices<IDistributedApplicationLifecycleHook>().ToList();
        foreach (var hook in hooks)
        {
            await hook.BeforeStartAsync(model, cancellationToken).ConfigureAwait(false);
        }

        foreach (var hook in hooks)
        {
            await hook.AfterEndpointsAllocatedAsync(model, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task AfterResourcesCreatedAsync(CancellationToken cancellationToken)
    {
        await services.GetRequiredService<IDistributedApplicationEventing>()
            .PublishAsync(new AfterResourcesCreatedEvent(services, model), cancellationToken).ConfigureAwait(false);
        foreach (var hook in services.GetServices<IDistributedApplicationLifecycleHook>())
        {
            await hook.AfterResourcesCreatedAsync(model, cancellationToken).ConfigureAwait(false);
        }
    }
}
#pragma warning restore CS0618
