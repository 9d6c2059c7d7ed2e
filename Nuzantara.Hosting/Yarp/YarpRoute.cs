using Yarp.ReverseProxy.Configuration;

namespace Aspire.Hosting.Yarp;

/// <summary>One route of a YARP resource: YARP's own <see cref="RouteConfig"/>, changed by the With… extensions.</summary>
public class YarpRoute
{
    internal YarpRoute(YarpCluster cluster, string routeId)
    {
        RouteConfig = new RouteConfig { RouteId = routeId, ClusterId = cluster.ClusterConfig.ClusterId, Match = new RouteMatch() };
    }

    internal RouteConfig RouteConfig { get; private set; }

    /// <summary>YARP's configuration records are immutable: each change replaces the record.</summary>
    internal YarpRoute Configure(Func<RouteConfig, RouteConfig> configure)
    {
        RouteConfig = configure(RouteConfig);
        return this;
    }
}
