using Yarp.ReverseProxy.Transforms;

namespace Aspire.Hosting.Yarp.Transforms;

/// <summary>Aspire's HTTP method transform, written as YARP's own <c>RouteConfig</c> transform helper writes it.</summary>
public static class HttpMethodTransformExtensions
{
    public static YarpRoute WithTransformHttpMethodChange(this YarpRoute route, string fromHttpMethod, string toHttpMethod) =>
        route.Configure(r => r.WithTransformHttpMethodChange(fromHttpMethod, toHttpMethod));
}
