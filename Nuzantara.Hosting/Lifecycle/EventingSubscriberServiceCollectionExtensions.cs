using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aspire.Hosting.Lifecycle;

public static class EventingSubscriberServiceCollectionExtensions
{
    public static void AddEventingSubscriber<T>(this IServiceCollection services) where T : class, IDistributedApplicationEventingSubscriber =>
        services.AddSingleton<IDistributedApplicationEventingSubscriber, T>();

    /// <summary>Registers <typeparamref name="T"/> unless it already is (an integration called twice subscribes once).</summary>
    public static void TryAddEventingSubscriber<T>(this IServiceCollection services) where T : class, IDistributedApplicationEventingSubscriber =>
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDistributedApplicationEventingSubscriber, T>());
}
