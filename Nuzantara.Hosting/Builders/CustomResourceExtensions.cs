namespace Aspire.Hosting;

/// <summary>Custom resources: resources no runtime runs, whose own code publishes their state.</summary>
public static class CustomResourceExtensions
{
    /// <summary>
    /// The snapshot the resource is published with when the application starts (its type, state and properties on the
    /// dashboard) until its code publishes updates. A later call replaces an earlier one.
    /// </summary>
    public static IResourceBuilder<TResource> WithInitialState<TResource>(this IResourceBuilder<TResource> builder, CustomResourceSnapshot initialSnapshot)
        where TResource : IResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(initialSnapshot);
        foreach (var previous in builder.Resource.Annotations.OfType<ResourceSnapshotAnnotation>().ToList())
        {
            builder.Resource.Annotations.Remove(previous);
        }

        return builder.WithAnnotation(new ResourceSnapshotAnnotation(initialSnapshot));
    }
}
