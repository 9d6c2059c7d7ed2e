using Aspire.Hosting.Yarp;

namespace Nuzantara.Hosting.Yarp;

/// <summary>Adds routes and clusters to one YARP resource; a cluster on a resource also makes the YARP resource reference it.</summary>
internal sealed class YarpConfigurationBuilder(IResourceBuilder<YarpResource> parent) : IYarpConfigurationBuilder
{
    public YarpRoute AddRoute(string path, YarpCluster cluster)
    {
        var route = new YarpRoute(cluster, $"route{parent.Resource.Routes.Count}");
        if (path is not null)
        {
            route.WithMatchPath(path);
        }

        parent.Resource.Routes.Add(route);
        return route;
    }

    public YarpCluster AddCluster(EndpointReference endpoint)
    {
        parent.WithReference(endpoint);
        return Add(new YarpCluster(endpoint));
    }

    public YarpCluster AddCluster(IResourceBuilder<IResourceWithServiceDiscovery> resource)
    {
        parent.WithReference(resource);
        return Add(new YarpCluster(resource.Resource));
    }

    public YarpCluster AddCluster(IResourceBuilder<ExternalServiceResource> externalService)
    {
        parent.WithReference(externalService);
        return Add(new YarpCluster(externalService.Resource));
    }

    public YarpCluster AddCluster(string clusterName, object[] destinations)
    {
        ArgumentNullException.ThrowIfNull(clusterName);
        ArgumentNullException.ThrowIfNull(destinations);
        if (destinations.Length == 0)
        {
            throw new ArgumentException($"Cluster '{clusterName}' needs at least one destination.", nameof(destinations));
        }

        if (Array.FindIndex(destinations, d => d is not (IValueProvider or string or Uri)) is var unsupported and >= 0)
        {
            throw new ArgumentException(
                $"A destination of cluster '{clusterName}' must be a string, a Uri or a value provider (a parameter, an endpoint reference); " +
                $"destination {unsupported} is {destinations[unsupported]?.GetType().FullName ?? "null"}.",
                nameof(destinations));
        }

        return Add(new YarpCluster(clusterName, destinations));
    }

    private YarpCluster Add(YarpCluster cluster)
    {
        parent.Resource.Clusters.Add(cluster);
        return cluster;
    }
}
