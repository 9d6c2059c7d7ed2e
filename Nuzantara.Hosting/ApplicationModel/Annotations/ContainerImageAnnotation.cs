namespace Aspire.Hosting.ApplicationModel;

/// <summary>The container image a resource runs as under a container engine and in every published form.</summary>
public sealed class ContainerImageAnnotation(string image, string tag, string? registry = null) : IResourceAnnotation
{
    public string Image { get; set; } = image;

    public string Tag { get; set; } = tag;

    public string? Registry { get; set; } = registry;

    public string FullName => Registry is null ? $"{Image}:{Tag}" : $"{Registry}/{Image}:{Tag}";
}
