namespace Aspire.Hosting;

/// <summary>Subscribe to a resource's lifecycle events from its builder (Aspire's On* extensions).</summary>
public static class DistributedApplicationEventingExtensions
{
    public static IResourceBuilder<T> OnBeforeResourceStarted<T>(this IResourceBuilder<T> builder, Func<T, BeforeResourceStartedEvent, CancellationToken, Task> callback)
        where T : IResource => builder.OnEvent(callback);

    /// <summary>Runs <paramref name="callback"/> in the background once the application starts (see <see cref="InitializeResourceEvent"/>).</summary>
    public static IResourceBuilder<T> OnInitializeResource<T>(this IResourceBuilder<T> builder, Func<T, InitializeResourceEvent, CancellationToken, Task> callback)
        where T : IResource => builder.OnEvent(callback);

    public static IResourceBuilder<T> OnResourceReady<T>(this IResourceBuilder<T> builder, Func<T, ResourceReadyEvent, CancellationToken, Task> callback)
        where T : IResource => builder.OnEvent(callback);

    private static IResourceBuilder<T> OnEvent<T, TEvent>(this IResourceBuilder<T> builder, Func<T, TEvent, CancellationToken, Task> callback)
        where T : IResource
        where TEvent : IDistributedApplicationResourceEvent
    {
        builder.ApplicationBuilder.Eventing.Subscribe<TEvent>(builder.Resource, (e, ct) => callback(builder.Resource, e, ct));
        return builder;
    }
}
