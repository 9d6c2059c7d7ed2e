namespace Aspire.Hosting;

public static partial class ContainerResourceBuilderExtensions
{
    /// <summary>
    /// <see cref="ContainerLifetime.Persistent"/>: the container runtime leaves the container running when the AppHost
    /// stops and the next run reuses it while its configuration is unchanged (a hash kept in a label), re-creating it
    /// when it changed. The process runtime cannot re-adopt a native process, so there the resource stops with the
    /// AppHost as a session one does, and the AppHost warns once, naming it.
    /// </summary>
    public static IResourceBuilder<T> WithLifetime<T>(this IResourceBuilder<T> builder, ContainerLifetime lifetime) where T : ContainerResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithAnnotation(new ContainerLifetimeAnnotation { Lifetime = lifetime });
    }

    /// <summary>Whether WithLifetime made the resource's container outlive the AppHost (the last call wins).</summary>
    internal static bool IsPersistent(this IResource resource) =>
        resource.TryGetLastAnnotation<ContainerLifetimeAnnotation>(out var lifetime) && lifetime.Lifetime == ContainerLifetime.Persistent;
}
