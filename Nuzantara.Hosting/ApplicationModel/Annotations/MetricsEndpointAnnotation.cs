namespace Nuzantara.Hosting.ApplicationModel;

/// <summary>The resource exposes Prometheus metrics at <see cref="Path"/> on <see cref="EndpointName"/>; Prometheus' scrape jobs come from these.</summary>
public sealed class MetricsEndpointAnnotation(string endpointName, string path = "/metrics") : IResourceAnnotation
{
    public string EndpointName { get; } = endpointName;

    public string Path { get; } = path;
}
