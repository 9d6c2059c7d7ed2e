using Yarp.ReverseProxy.Configuration;

namespace Aspire.Hosting.Yarp;

/// <summary>Aspire's route settings: each sets one field of the route's <see cref="RouteConfig"/>.</summary>
public static class YarpRouteExtensions
{
    public static YarpRoute WithMatch(this YarpRoute route, RouteMatch match) => route.Configure(r => r with { Match = match });

    public static YarpRoute WithMatchPath(this YarpRoute route, string path) => route.ConfigureMatch(m => m with { Path = path });

    public static YarpRoute WithMatchMethods(this YarpRoute route, params string[] methods) => route.ConfigureMatch(m => m with { Methods = methods });

    public static YarpRoute WithMatchHeaders(this YarpRoute route, params RouteHeader[] headers) => route.ConfigureMatch(m => m with { Headers = headers.ToList() });

    public static YarpRoute WithMatchHosts(this YarpRoute route, params string[] hosts) => route.ConfigureMatch(m => m with { Hosts = hosts.ToList() });

    public static YarpRoute WithMatchRouteQueryParameter(this YarpRoute route, params RouteQueryParameter[] queryParameters) =>
        route.ConfigureMatch(m => m with { QueryParameters = queryParameters.ToList() });

    public static YarpRoute WithOrder(this YarpRoute route, int? order) => route.Configure(r => r with { Order = order });

    public static YarpRoute WithMaxRequestBodySize(this YarpRoute route, long maxRequestBodySize) => route.Configure(r => r with { MaxRequestBodySize = maxRequestBodySize });

    public static YarpRoute WithMetadata(this YarpRoute route, IReadOnlyDictionary<string, string>? metadata) => route.Configure(r => r with { Metadata = metadata });

    /// <summary>Replaces every transform of the route.</summary>
    public static YarpRoute WithTransforms(this YarpRoute route, IReadOnlyList<IReadOnlyDictionary<string, string>>? transforms) =>
        route.Configure(r => r with { Transforms = transforms });

    /// <summary>Appends one transform, written by <paramref name="createTransform"/> as YARP's configuration keys and values.</summary>
    public static YarpRoute WithTransform(this YarpRoute route, Action<IDictionary<string, string>> createTransform)
    {
        ArgumentNullException.ThrowIfNull(createTransform);
        var transform = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        createTransform(transform);
        return route.Configure(r => r with { Transforms = [.. r.Transforms ?? [], transform] });
    }

    private static YarpRoute ConfigureMatch(this YarpRoute route, Func<RouteMatch, RouteMatch> configure) =>
        route.Configure(r => r with { Match = configure(r.Match) });
}
