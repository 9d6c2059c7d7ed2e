using Microsoft.Extensions.Diagnostics.HealthChecks;
using Nuzantara.Hosting.Orchestration.Health;

namespace Aspire.Hosting;

public static partial class ResourceBuilderExtensions
{
    /// <summary>
    /// A probe that GETs <paramref name="path"/> (default <c>/</c>) on the endpoint named <paramref name="endpointName"/>
    /// (default: the resource's first HTTP endpoint). See the endpoint-selector overload for what it does.
    /// </summary>
    public static IResourceBuilder<T> WithHttpProbe<T>(this IResourceBuilder<T> builder, ProbeType type, string? path = null, int? initialDelaySeconds = null, int? periodSeconds = null,
        int? timeoutSeconds = null, int? failureThreshold = null, int? successThreshold = null, string? endpointName = null)
        where T : IResourceWithEndpoints, IResourceWithProbes
    {
        ArgumentNullException.ThrowIfNull(builder);
        var name = endpointName ?? DefaultHttpEndpointName(builder.Resource);
        return builder.WithHttpProbe(type, () => new EndpointReference(builder.Resource, name), path, initialDelaySeconds, periodSeconds, timeoutSeconds, failureThreshold, successThreshold);
    }

    /// <summary>
    /// A probe that GETs <paramref name="path"/> on the endpoint <paramref name="endpointSelector"/> returns, replacing
    /// an earlier probe of the same type. Here it is a health check of the resource (as in Aspire, every type is), so
    /// it decides when the resource is healthy and WaitFor on it proceeds; a failing liveness probe does not restart the
    /// resource (the runner restarts what exits, not what is unhealthy). Published to Kubernetes as the probe of its type.
    /// </summary>
    public static IResourceBuilder<T> WithHttpProbe<T>(this IResourceBuilder<T> builder, ProbeType type, Func<EndpointReference>? endpointSelector, string? path = null,
        int? initialDelaySeconds = null, int? periodSeconds = null, int? timeoutSeconds = null, int? failureThreshold = null, int? successThreshold = null)
        where T : IResourceWithEndpoints, IResourceWithProbes
    {
        ArgumentNullException.ThrowIfNull(builder);
        endpointSelector ??= () => new EndpointReference(builder.Resource, DefaultHttpEndpointName(builder.Resource));
        var endpoint = endpointSelector()
            ?? throw new DistributedApplicationException($"Could not create HTTP probe for resource '{builder.Resource.Name}' as the endpoint selector returned null.");
        var probed = path ?? "/";
        foreach (var previous in builder.Resource.Annotations.OfType<ProbeAnnotation>().Where(p => p.Type == type).ToList())
        {
            builder.Resource.Annotations.Remove(previous);
        }

        builder.WithAnnotation(new EndpointProbeAnnotation
        {
            Type = type,
            EndpointReference = endpoint,
            Path = probed,
            InitialDelaySeconds = initialDelaySeconds ?? 5,
            PeriodSeconds = periodSeconds ?? 5,
            TimeoutSeconds = timeoutSeconds ?? 1,
            FailureThreshold = failureThreshold ?? 3,
            SuccessThreshold = successThreshold ?? 1,
        });

        return builder.WithHttpHealthCheckOnce(probed, _ => new HttpEndpointHealthCheck(endpoint, probed, 200));
    }

    /// <summary>The name of the check WithHttpHealthCheck and WithHttpProbe register; publishers read the path back from it.</summary>
    internal static string HttpHealthCheckKey(IResource resource, string path) => $"{resource.Name}_http_{path}";

    /// <summary>
    /// One HTTP check per path: what WithHttpHealthCheck or WithHttpProbe already checks on the resource gets no second
    /// registration, which would stop the AppHost at start (the health-check service refuses a key given twice).
    /// </summary>
    internal static IResourceBuilder<T> WithHttpHealthCheckOnce<T>(this IResourceBuilder<T> builder, string path, Func<IServiceProvider, IHealthCheck> factory)
        where T : IResource
    {
        var key = HttpHealthCheckKey(builder.Resource, path);
        return builder.Resource.OfAnnotation<HealthCheckAnnotation>().Any(c => c.Key == key) ? builder : builder.WithHealthCheck(key, factory);
    }

    private static string DefaultHttpEndpointName(IResource resource) =>
        resource.GetEndpoints().FirstOrDefault(e => e.UriScheme is "http" or "https")?.Name ?? "http";
}
