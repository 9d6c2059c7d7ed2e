namespace Aspire.Hosting;

/// <summary>Aspire's WithContainerName, WithEntrypoint and WithImageRegistry: how a container resource is created.</summary>
public static class ContainerSettingsBuilderExtensions
{
    /// <summary>
    /// Names the container in the engine. The AppHost still labels it as its own, so a run that did not stop cleanly is
    /// cleaned up as usual; two AppHosts given the same name replace each other's container.
    /// </summary>
    public static IResourceBuilder<T> WithContainerName<T>(this IResourceBuilder<T> builder, string name) where T : ContainerResource
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.WithAnnotation(new ContainerNameAnnotation { Name = name });
    }

    /// <summary>Runs <paramref name="entrypoint"/> instead of the image's entrypoint, in the container runtime and every published output.</summary>
    public static IResourceBuilder<T> WithEntrypoint<T>(this IResourceBuilder<T> builder, string entrypoint) where T : ContainerResource
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entrypoint);
        builder.Resource.Entrypoint = entrypoint;
        return builder;
    }

    /// <summary>Pulls the image from <paramref name="registry"/> (a host such as <c>registry.example.org:5000</c>); null: the image's default registry.</summary>
    public static IResourceBuilder<T> WithImageRegistry<T>(this IResourceBuilder<T> builder, string? registry) where T : ContainerResource
    {
        if (!builder.Resource.TryGetLastAnnotation<ContainerImageAnnotation>(out var image))
        {
            throw new DistributedApplicationException($"Resource '{builder.Resource.Name}' has no image to take from a registry: call WithImage first.");
        }

        image.Registry = registry;
        return builder;
    }
}
