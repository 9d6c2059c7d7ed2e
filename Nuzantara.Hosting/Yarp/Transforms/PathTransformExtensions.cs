using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Transforms;

namespace Aspire.Hosting.Yarp.Transforms;

/// <summary>Aspire's path transforms, written as YARP's own <c>RouteConfig</c> transform helpers write them.</summary>
public static class PathTransformExtensions
{
    public static YarpRoute WithTransformPathSet(this YarpRoute route, PathString path) => route.Configure(r => r.WithTransformPathSet(Required(path, nameof(path))));

    public static YarpRoute WithTransformPathPrefix(this YarpRoute route, PathString prefix) => route.Configure(r => r.WithTransformPathPrefix(Required(prefix, nameof(prefix))));

    public static YarpRoute WithTransformPathRemovePrefix(this YarpRoute route, PathString prefix) =>
        route.Configure(r => r.WithTransformPathRemovePrefix(Required(prefix, nameof(prefix))));

    public static YarpRoute WithTransformPathRouteValues(this YarpRoute route, PathString pattern) =>
        route.Configure(r => r.WithTransformPathRouteValues(Required(pattern, nameof(pattern))));

    private static PathString Required(PathString path, string name) => path.HasValue ? path : throw new ArgumentNullException(name);
}
