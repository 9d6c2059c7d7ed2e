namespace Aspire.Hosting;

public static partial class ResourceBuilderExtensions
{
    /// <summary>
    /// WaitFor, saying what happens if <paramref name="dependency"/> fails to start or finishes instead: with
    /// <see cref="WaitBehavior.StopOnResourceUnavailable"/> the resource fails at once naming it; with
    /// <see cref="WaitBehavior.WaitOnResourceUnavailable"/> it waits on (for a restart from the dashboard) until the wait times out.
    /// </summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency, WaitBehavior waitBehavior)
        where T : IResourceWithWaitSupport =>
        builder.WithAnnotation(new WaitAnnotation(dependency.Resource, WaitType.WaitUntilHealthy) { WaitBehavior = waitBehavior });

    /// <summary>The resource starts once <paramref name="dependency"/> is running, without waiting for its health checks.</summary>
    public static IResourceBuilder<T> WaitForStart<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResourceWithWaitSupport =>
        builder.WithAnnotation(new WaitAnnotation(dependency.Resource, WaitType.WaitUntilStarted));

    /// <summary>WaitForStart, with what happens if <paramref name="dependency"/> fails to start (see WaitFor's).</summary>
    public static IResourceBuilder<T> WaitForStart<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency, WaitBehavior waitBehavior)
        where T : IResourceWithWaitSupport =>
        builder.WithAnnotation(new WaitAnnotation(dependency.Resource, WaitType.WaitUntilStarted) { WaitBehavior = waitBehavior });
}
