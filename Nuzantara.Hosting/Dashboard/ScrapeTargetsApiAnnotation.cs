namespace Nuzantara.Hosting.Dashboard;

/// <summary>
/// Marks the resource whose HTTP API reports what it scrapes, as Prometheus' <c>/api/v1/targets</c> does, on the
/// endpoint named: the dashboard's Targets page reads it there. Prometheus attaches it; anything that serves the same
/// API could.
/// </summary>
internal sealed class ScrapeTargetsApiAnnotation(string endpointName) : IResourceAnnotation
{
    public string EndpointName { get; } = endpointName;
}
