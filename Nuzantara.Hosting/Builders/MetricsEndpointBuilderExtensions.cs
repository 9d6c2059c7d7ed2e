using Nuzantara.Hosting.ApplicationModel;

namespace Nuzantara.Hosting;

/// <summary>Our extension, not Aspire's: which endpoint the generated Prometheus configuration scrapes.</summary>
public static class MetricsEndpointBuilderExtensions
{
    /// <summary>Prometheus scrapes GET <paramref name="path"/> on the endpoint.</summary>
    public static IResourceBuilder<T> WithMetricsEndpoint<T>(this IResourceBuilder<T> builder, string path = "/metrics", string? endpointName = null) where T : IResourceWithEndpoints =>
        builder.WithAnnotation(new MetricsEndpointAnnotation(endpointName ?? builder.Resource.GetEndpoints().First().Name, path));
}
