using Yarp.ReverseProxy.Transforms;

namespace Aspire.Hosting.Yarp.Transforms;

/// <summary>Aspire's request header transforms, written as YARP's own <c>RouteConfig</c> transform helpers write them.</summary>
public static class RequestHeadersTransformExtensions
{
    public static YarpRoute WithTransformCopyRequestHeaders(this YarpRoute route, bool copy = true) => route.Configure(r => r.WithTransformCopyRequestHeaders(copy));

    public static YarpRoute WithTransformUseOriginalHostHeader(this YarpRoute route, bool useOriginal = true) =>
        route.Configure(r => r.WithTransformUseOriginalHostHeader(useOriginal));

    public static YarpRoute WithTransformRequestHeader(this YarpRoute route, string headerName, string value, bool append = true) =>
        route.Configure(r => r.WithTransformRequestHeader(headerName, value, append));

    public static YarpRoute WithTransformRequestHeaderRouteValue(this YarpRoute route, string headerName, string routeValueKey, bool append = true) =>
        route.Configure(r => r.WithTransformRequestHeaderRouteValue(headerName, routeValueKey, append));

    public static YarpRoute WithTransformRequestHeaderRemove(this YarpRoute route, string headerName) => route.Configure(r => r.WithTransformRequestHeaderRemove(headerName));

    public static YarpRoute WithTransformRequestHeadersAllowed(this YarpRoute route, params string[] allowedHeaders) =>
        route.Configure(r => r.WithTransformRequestHeadersAllowed(allowedHeaders));
}
