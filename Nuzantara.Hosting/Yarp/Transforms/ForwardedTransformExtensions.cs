using Yarp.ReverseProxy.Transforms;

namespace Aspire.Hosting.Yarp.Transforms;

/// <summary>Aspire's forwarded-header transforms, written as YARP's own <c>RouteConfig</c> transform helpers write them.</summary>
public static class ForwardedTransformExtensions
{
    public static YarpRoute WithTransformXForwarded(this YarpRoute route, string headerPrefix = "X-Forwarded-", ForwardedTransformActions xDefault = ForwardedTransformActions.Set,
        ForwardedTransformActions? xFor = null, ForwardedTransformActions? xHost = null, ForwardedTransformActions? xProto = null, ForwardedTransformActions? xPrefix = null) =>
        route.Configure(r => r.WithTransformXForwarded(headerPrefix, xDefault, xFor, xHost, xProto, xPrefix));

    public static YarpRoute WithTransformForwarded(this YarpRoute route, bool useHost = true, bool useProto = true, NodeFormat forFormat = NodeFormat.Random,
        NodeFormat byFormat = NodeFormat.Random, ForwardedTransformActions action = ForwardedTransformActions.Set) =>
        route.Configure(r => r.WithTransformForwarded(useHost, useProto, forFormat, byFormat, action));

    public static YarpRoute WithTransformClientCertHeader(this YarpRoute route, string headerName) => route.Configure(r => r.WithTransformClientCertHeader(headerName));
}
