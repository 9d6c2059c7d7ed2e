using Yarp.ReverseProxy.Transforms;

namespace Aspire.Hosting.Yarp.Transforms;

/// <summary>Aspire's response header and trailer transforms, written as YARP's own <c>RouteConfig</c> transform helpers write them.</summary>
public static class ResponseTransformExtensions
{
    public static YarpRoute WithTransformCopyResponseHeaders(this YarpRoute route, bool copy = true) => route.Configure(r => r.WithTransformCopyResponseHeaders(copy));

    public static YarpRoute WithTransformCopyResponseTrailers(this YarpRoute route, bool copy = true) => route.Configure(r => r.WithTransformCopyResponseTrailers(copy));

    public static YarpRoute WithTransformResponseHeader(this YarpRoute route, string headerName, string value, bool append = true,
        ResponseCondition condition = ResponseCondition.Success) =>
        route.Configure(r => r.WithTransformResponseHeader(headerName, value, append, condition));

    public static YarpRoute WithTransformResponseHeaderRemove(this YarpRoute route, string headerName, ResponseCondition condition = ResponseCondition.Success) =>
        route.Configure(r => r.WithTransformResponseHeaderRemove(headerName, condition));

    public static YarpRoute WithTransformResponseHeadersAllowed(this YarpRoute route, params string[] allowedHeaders) =>
        route.Configure(r => r.WithTransformResponseHeadersAllowed(allowedHeaders));

    public static YarpRoute WithTransformResponseTrailer(this YarpRoute route, string headerName, string value, bool append = true,
        ResponseCondition condition = ResponseCondition.Success) =>
        route.Configure(r => r.WithTransformResponseTrailer(headerName, value, append, condition));

    public static YarpRoute WithTransformResponseTrailerRemove(this YarpRoute route, string headerName, ResponseCondition condition = ResponseCondition.Success) =>
        route.Configure(r => r.WithTransformResponseTrailerRemove(headerName, condition));

    public static YarpRoute WithTransformResponseTrailersAllowed(this YarpRoute route, params string[] allowedHeaders) =>
        route.Configure(r => r.WithTransformResponseTrailersAllowed(allowedHeaders));
}
