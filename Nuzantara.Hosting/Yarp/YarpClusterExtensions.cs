using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Aspire.Hosting.Yarp;

/// <summary>Aspire's cluster settings: each sets one field of the cluster's <see cref="ClusterConfig"/>.</summary>
public static class YarpClusterExtensions
{
    public static YarpCluster WithForwarderRequestConfig(this YarpCluster cluster, ForwarderRequestConfig config) => cluster.Configure(c => c with { HttpRequest = config });

    public static YarpCluster WithHttpClientConfig(this YarpCluster cluster, HttpClientConfig config) => cluster.Configure(c => c with { HttpClient = config });

    public static YarpCluster WithSessionAffinityConfig(this YarpCluster cluster, SessionAffinityConfig config) => cluster.Configure(c => c with { SessionAffinity = config });

    public static YarpCluster WithHealthCheckConfig(this YarpCluster cluster, HealthCheckConfig config) => cluster.Configure(c => c with { HealthCheck = config });

    public static YarpCluster WithLoadBalancingPolicy(this YarpCluster cluster, string policy) => cluster.Configure(c => c with { LoadBalancingPolicy = policy });

    public static YarpCluster WithMetadata(this YarpCluster cluster, IReadOnlyDictionary<string, string> metadata) => cluster.Configure(c => c with { Metadata = metadata });
}
