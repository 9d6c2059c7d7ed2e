namespace Aspire.Hosting;

/// <summary>Aspire's ExcludeFromManifest, WithExplicitStart and WithParentRelationship: where and when a resource exists.</summary>
public static class ResourceLifecycleBuilderExtensions
{
    /// <summary>Runs locally but is left out of every published output (manifest, Compose, Kubernetes).</summary>
    public static IResourceBuilder<T> ExcludeFromManifest<T>(this IResourceBuilder<T> builder) where T : IResource =>
        builder.WithAnnotation(ManifestPublishingCallbackAnnotation.Ignore);

    /// <summary>Not started with the application: it stays NotStarted until started from the dashboard.</summary>
    public static IResourceBuilder<T> WithExplicitStart<T>(this IResourceBuilder<T> builder) where T : IResource =>
        builder.WithAnnotation(new ExplicitStartupAnnotation());

    /// <summary>Shows the resource under <paramref name="parent"/> in the dashboard; it changes nothing in how either runs.</summary>
    public static IResourceBuilder<T> WithParentRelationship<T>(this IResourceBuilder<T> builder, IResource parent) where T : IResource
    {
        ArgumentNullException.ThrowIfNull(parent);
        return builder.WithAnnotation(new ResourceRelationshipAnnotation(parent, ResourceRelationshipTypes.Parent));
    }

    public static IResourceBuilder<T> WithParentRelationship<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> parent) where T : IResource =>
        builder.WithParentRelationship(parent.Resource);
}
