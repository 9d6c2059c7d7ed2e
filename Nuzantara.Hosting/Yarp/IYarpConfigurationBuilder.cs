using Aspire.Hosting.Yarp;

namespace Aspire.Hosting;

/// <summary>What WithConfiguration hands its callback: adds clusters (where requests go) and routes (which requests go there).</summary>
public interface IYarpConfigurationBuilder
{
    /// <summary>A route matching <paramref name="path"/> (YARP's route template syntax) to <paramref name="cluster"/>; ids are route0, route1, … in order.</summary>
    YarpRoute AddRoute(string path, YarpCluster cluster);

    /// <summary>A cluster forwarding to one endpoint of a resource, which the YARP resource then references.</summary>
    YarpCluster AddCluster(EndpointReference endpoint);

    /// <summary>A cluster forwarding to a resource (its https endpoint if it has one, else http), which the YARP resource then references.</summary>
    YarpCluster AddCluster(IResourceBuilder<IResourceWithServiceDiscovery> resource);

    /// <summary>A cluster forwarding to an external service's URL.</summary>
    YarpCluster AddCluster(IResourceBuilder<ExternalServiceResource> externalService);

    /// <summary>A cluster forwarding to the given destinations: strings, <see cref="Uri"/>s or value providers (parameters, endpoint references).</summary>
    YarpCluster AddCluster(string clusterName, object[] destinations);

    YarpCluster AddCluster(string clusterName, object destination) => AddCluster(clusterName, [destination]);
}
