using Aspire.Hosting.Yarp;

namespace Aspire.Hosting;

/// <summary>Aspire's shortcuts: a route and its cluster in one call; without a path, the route catches every request.</summary>
public static class YarpConfigurationBuilderExtensions
{
    private const string CatchAllPath = "/{**catchall}";

    public static YarpRoute AddRoute(this IYarpConfigurationBuilder builder, YarpCluster cluster) => builder.AddRoute(CatchAllPath, cluster);

    public static YarpRoute AddRoute(this IYarpConfigurationBuilder builder, EndpointReference endpoint) => builder.AddRoute(CatchAllPath, endpoint);

    public static YarpRoute AddRoute(this IYarpConfigurationBuilder builder, IResourceBuilder<IResourceWithServiceDiscovery> resource) => builder.AddRoute(CatchAllPath, resource);

    public static YarpRoute AddRoute(this IYarpConfigurationBuilder builder, IResourceBuilder<ExternalServiceResource> externalService) =>
        builder.AddRoute(CatchAllPath, externalService);

    public static YarpRoute AddRoute(this IYarpConfigurationBuilder builder, string path, EndpointReference endpoint) => builder.AddRoute(path, builder.AddCluster(endpoint));

    public static YarpRoute AddRoute(this IYarpConfigurationBuilder builder, string path, IResourceBuilder<IResourceWithServiceDiscovery> resource) =>
        builder.AddRoute(path, builder.AddCluster(resource));

    public static YarpRoute AddRoute(this IYarpConfigurationBuilder builder, string path, IResourceBuilder<ExternalServiceResource> externalService) =>
        builder.AddRoute(path, builder.AddCluster(externalService));
}
