using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Nuzantara.ServiceDefaults;

/// <summary>
/// The route template a request matched, as the metrics' <c>route</c> label and Sentry's <c>http.route</c> tag: never the
/// raw path, which would explode cardinality.
/// </summary>
internal static class RouteTemplate
{
    public static string Of(Endpoint? endpoint) => (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
}
