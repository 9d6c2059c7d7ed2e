using Yarp.ReverseProxy.Configuration;

namespace Aspire.Hosting.Yarp;

/// <summary>
/// One cluster of a YARP resource, named <c>cluster_{name}</c> as in Aspire. Its destinations are service-discovery
/// addresses (<c>https+http://backend</c>, <c>http://_http.backend</c>), which YARP resolves from the
/// <c>services__…</c> variables the reference adds, or plain URLs and parameters (external services).
/// </summary>
public class YarpCluster
{
    internal YarpCluster(EndpointReference endpoint)
        : this(endpoint.Resource.Name, $"{endpoint.Scheme}://_{endpoint.EndpointName}.{endpoint.Resource.Name}")
    {
    }

    internal YarpCluster(IResourceWithServiceDiscovery resource)
        : this(resource.Name, ServiceDiscoveryAddress(resource))
    {
    }

    internal YarpCluster(ExternalServiceResource externalService)
        : this(externalService.Name, (object?)externalService.Uri?.ToString() ?? externalService.UrlParameter!)
    {
    }

    internal YarpCluster(string name, params object[] destinations)
    {
        ClusterConfig = new ClusterConfig
        {
            ClusterId = $"cluster_{name}",
            Destinations = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase),
        };
        Destinations = destinations;
    }

    internal ClusterConfig ClusterConfig { get; private set; }

    /// <summary>Strings, <see cref="Uri"/>s or value providers (parameters), resolved when the resource starts or is published.</summary>
    internal object[] Destinations { get; }

    internal YarpCluster Configure(Func<ClusterConfig, ClusterConfig> configure)
    {
        ClusterConfig = configure(ClusterConfig);
        return this;
    }

    /// <summary>As Aspire: https preferred over http when the resource has both (<c>https+http://</c>).</summary>
    private static string ServiceDiscoveryAddress(IResourceWithServiceDiscovery resource)
    {
        var endpoints = resource.GetEndpoints().ToList();
        var https = endpoints.Any(e => e.UriScheme == "https");
        var http = endpoints.Any(e => e.UriScheme == "http");
        var scheme = (https, http) switch
        {
            (true, true) => "https+http",
            (true, false) => "https",
            (false, true) => "http",
            _ => throw new ArgumentException(
                $"'{resource.Name}' has no http or https endpoint for YARP to forward to. Add one (WithHttpEndpoint) before routing to it.", nameof(resource)),
        };
        return $"{scheme}://{resource.Name}";
    }
}
