using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aspire.Hosting.Lifecycle;

#pragma warning disable CS0618 // The hooks are obsolete in Aspire too, and still honoured there.
public static class LifecycleHookServiceCollectionExtensions
{
    [Obsolete("Use EventingSubscriberServiceCollectionExtensions.AddEventingSubscriber instead.")]
    public static void AddLifecycleHook<T>(this IServiceCollection services) where T : class, IDistributedApplicationLifecycleHook =>
        services.AddSingleton<IDistributedApplicationLifecycleHook, T>();

    [Obsolete("Use EventingSubscriberServiceCollectionExtensions.AddEventingSubscriber instead.")]
    public static void AddLifecycleHook<T>(this IServiceCollection services, Func<IServiceProvider, T> implementationFactory)
        where T : class, IDistributedApplicationLifecycleHook =>
        services.AddSingleton<IDistributedApplicationLifecycleHook>(implementationFactory);

    [Obsolete("Use EventingSubscriberServiceCollectionExtensions.TryAddEventingSubscriber instead.")]
    public static void TryAddLifecycleHook<T>(this IServiceCollection services) where T : class, IDistributedApplicationLifecycleHook =>
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDistributedApplicationLifecycleHook, T>());

    [Obsolete("Use EventingSubscriberServiceCollectionExtensions.TryAddEventingSubscriber instead.")]
    public static void TryAddLifecycleHook<T>(this IServiceCollection services, Func<IServiceProvider, T> implementationFactory)
        where T : class, IDistributedApplicationLifecycleHook =>
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDistributedApplicationLifecycleHook, T>(implementationFactory));
}
#pragma warning restore CS0618
