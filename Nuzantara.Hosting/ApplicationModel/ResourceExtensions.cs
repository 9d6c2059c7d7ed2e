namespace Aspire.Hosting.ApplicationModel;

/// <summary>Reading a resource's annotations: Aspire's <c>ResourceExtensions</c> members, and two helpers of ours kept internal.</summary>
public static class ResourceExtensions
{
    public static bool TryGetLastAnnotation<T>(this IResource resource, out T annotation) where T : IResourceAnnotation
    {
        annotation = resource.Annotations.OfType<T>().LastOrDefault()!;
        return annotation is not null;
    }

    /// <summary>A reference to the endpoint named <paramref name="endpointName"/>, which may not exist yet (see <see cref="EndpointReference.Exists"/>).</summary>
    public static EndpointReference GetEndpoint(this IResourceWithEndpoints resource, string endpointName) => new(resource, endpointName);

    internal static IEnumerable<T> OfAnnotation<T>(this IResource resource) where T : IResourceAnnotation =>
        resource.Annotations.OfType<T>();

    internal static IEnumerable<EndpointAnnotation> GetEndpoints(this IResource resource) =>
        resource.Annotations.OfType<EndpointAnnotation>();
}
