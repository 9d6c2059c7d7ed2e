
namespace Aspire.Hosting;

public static partial class ContainerResourceBuilderExtensions
{
    /// <summary>A container of <paramref name="image"/>, whose tag may be part of it (<c>nginx:1.27</c>); latest otherwise.</summary>
    public static IResourceBuilder<ContainerResource> AddContainer(this IDistributedApplicationBuilder builder, string name, string image) =>
        builder.AddResource(new ContainerResource(name)).WithImage(image);

    public static IResourceBuilder<ContainerResource> AddContainer(this IDistributedApplicationBuilder builder, string name, string image, string tag) =>
        builder.AddResource(new ContainerResource(name)).WithImage(image, tag);

    /// <summary>
    /// The image to run. Without <paramref name="tag"/>, as in Aspire, a tag written in <paramref name="image"/>
    /// (<c>redis:7.4</c>) is used, and latest when there is none.
    /// </summary>
    public static IResourceBuilder<T> WithImage<T>(this IResourceBuilder<T> builder, string image, string? tag = null) where T : ContainerResource
    {
        if (tag is null)
        {
            (image, tag) = SplitTag(image);
        }

        var (registry, repository) = SplitRegistry(image);
        if (builder.Resource.TryGetLastAnnotation<ContainerImageAnnotation>(out var existing))
        {
            existing.Image = repository;
            existing.Tag = tag;
            existing.Registry = registry;
            return builder;
        }

        return builder.WithAnnotation(new ContainerImageAnnotation(repository, tag, registry));
    }

    public static IResourceBuilder<T> WithImageTag<T>(this IResourceBuilder<T> builder, string tag) where T : ContainerResource
    {
        if (!builder.Resource.TryGetLastAnnotation<ContainerImageAnnotation>(out var image))
        {
            throw new DistributedApplicationException($"Resource '{builder.Resource.Name}' has no image to tag: call WithImage first.");
        }

        image.Tag = tag;
        return builder;
    }

    /// <summary>Mounts a host path (relative to the AppHost folder) into the container; the process runtime reads it in place.</summary>
    public static IResourceBuilder<T> WithBindMount<T>(this IResourceBuilder<T> builder, string source, string target, bool isReadOnly = false) where T : ContainerResource
    {
        var fullSource = Path.GetFullPath(source, builder.ApplicationBuilder.AppHostDirectory);
        return builder.WithAnnotation(new ContainerMountAnnotation(fullSource, target, ContainerMountType.BindMount, isReadOnly));
    }

    /// <summary>
    /// Keeps the resource's data in a named volume, which the process runtime keeps under the state directory; without
    /// <paramref name="name"/> the volume is anonymous, as in Aspire: it lasts as long as the container (one run).
    /// </summary>
    public static IResourceBuilder<T> WithVolume<T>(this IResourceBuilder<T> builder, string? name, string target, bool isReadOnly = false) where T : ContainerResource =>
        builder.WithAnnotation(new ContainerMountAnnotation(name, target, ContainerMountType.Volume, isReadOnly));

    /// <summary>An anonymous volume at <paramref name="target"/>: empty at every start.</summary>
    public static IResourceBuilder<T> WithVolume<T>(this IResourceBuilder<T> builder, string target) where T : ContainerResource =>
        builder.WithVolume(name: null, target);

    /// <summary>The tag after the image's last colon, unless that colon is a registry's port (<c>host:5000/app</c>).</summary>
    private static (string Image, string Tag) SplitTag(string image)
    {
        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') && !image.Contains('@') ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }

    internal static (string? Registry, string Repository) SplitRegistry(string image)
    {
        var slash = image.IndexOf('/');
        return slash > 0 && image[..slash].Contains('.') ? (image[..slash], image[(slash + 1)..]) : (null, image);
    }

    /// <summary>The volume or bind mount that holds the resource's data at <paramref name="target"/>, when it has one.</summary>
    internal static ContainerMountAnnotation? DataMount(this IResource resource, string target) =>
        resource.OfAnnotation<ContainerMountAnnotation>().LastOrDefault(m => m.Target == target);
}
