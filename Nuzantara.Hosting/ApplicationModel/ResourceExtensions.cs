using System.Diagnostics.CodeAnalysis;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>Reading a resource's annotations: Aspire's <c>ResourceExtensions</c> members, and two helpers of ours kept internal.</summary>
public static class ResourceExtensions
{
    public static bool TryGetLastAnnotation<T>(this IResource resource, out T annotation) where T : IResourceAnnotation
    {
        annotation = resource.Annotations.OfType<T>().LastOrDefault()!;
        return annotation is not null;
    }

    /// <summary>The image the resource runs: for one built from a Dockerfile with a name of its own, that build's.</summary>
    public static bool TryGetContainerImageName(this IResource resource, [NotNullWhen(true)] out string? imageName) =>
        resource.TryGetContainerImageName(useBuiltImage: true, out imageName);

    /// <summary>
    /// The resource's image, <c>registry/image:tag</c>; with <paramref name="useBuiltImage"/> false, the one it names even
    /// where a Dockerfile build replaces it, which a Dockerfile written by code can start from.
    /// </summary>
    public static bool TryGetContainerImageName(this IResource resource, bool useBuiltImage, [NotNullWhen(true)] out string? imageName)
    {
        if (useBuiltImage && resource.TryGetLastAnnotation<DockerfileBuildAnnotation>(out var build) && !string.IsNullOrEmpty(build.ImageName))
        {
            imageName = string.IsNullOrEmpty(build.ImageTag) ? build.ImageName : $"{build.ImageName}:{build.ImageTag}";
            return true;
        }

        imageName = resource.TryGetLastAnnotation<ContainerImageAnnotation>(out var image) ? image.FullName : null;
        return imageName is not null;
    }

    /// <summary>A reference to the endpoint named <paramref name="endpointName"/>, which may not exist yet (see <see cref="EndpointReference.Exists"/>).</summary>
    public static EndpointReference GetEndpoint(this IResourceWithEndpoints resource, string endpointName) => new(resource, endpointName);

    internal static IEnumerable<T> OfAnnotation<T>(this IResource resource) where T : IResourceAnnotation =>
        resource.Annotations.OfType<T>();

    internal static IEnumerable<EndpointAnnotation> GetEndpoints(this IResource resource) =>
        resource.Annotations.OfType<EndpointAnnotation>();
}
