using System.Collections.ObjectModel;

namespace Aspire.Hosting.ApplicationModel;

public sealed class ResourceAnnotationCollection : Collection<IResourceAnnotation>;

public static class ResourceAnnotationExtensions
{
    public static IEnumerable<T> OfAnnotation<T>(this IResource resource) where T : IResourceAnnotation =>
        resource.Annotations.OfType<T>();

    public static bool TryGetLastAnnotation<T>(this IResource resource, out T annotation) where T : IResourceAnnotation
    {
        annotation = resource.Annotations.OfType<T>().LastOrDefault()!;
        return annotation is not null;
    }

    public static IEnumerable<EndpointAnnotation> GetEndpoints(this IResource resource) =>
        resource.Annotations.OfType<EndpointAnnotation>();

    /// <summary>A reference to the endpoint named <paramref name="endpointName"/>, which may not exist yet (see <see cref="EndpointReference.Exists"/>).</summary>
    public static EndpointReference GetEndpoint(this IResourceWithEndpoints resource, string endpointName) => new(resource, endpointName);
}
