using Yarp.ReverseProxy.Transforms;

namespace Aspire.Hosting.Yarp.Transforms;

/// <summary>Aspire's query-string transforms, written as YARP's own <c>RouteConfig</c> transform helpers write them.</summary>
public static class QueryTransformExtensions
{
    public static YarpRoute WithTransformQueryValue(this YarpRoute route, string queryKey, string value, bool append = true) =>
        route.Configure(r => r.WithTransformQueryValue(queryKey, value, append));

    public static YarpRoute WithTransformQueryRouteValue(this YarpRoute route, string queryKey, string routeValueKey, bool append = true) =>
        route.Configure(r => r.WithTransformQueryRouteValue(queryKey, routeValueKey, append));

    public static YarpRoute WithTransformQueryRemoveKey(this YarpRoute route, string queryKey) => route.Configure(r => r.WithTransformQueryRemoveKey(queryKey));
}
