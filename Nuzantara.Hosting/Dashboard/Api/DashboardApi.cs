using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Nuzantara.Hosting.Dashboard.Live;

namespace Nuzantara.Hosting.Dashboard.Api;

/// <summary>The JSON API under <c>/api/</c> that the pages and scripts use (docs/dashboard.md lists it).</summary>
internal static class DashboardApi
{
    public static void MapDashboardApi(this IEndpointRouteBuilder app, string host)
    {
        var api = app.MapGroup("/api").RequireHost(host);
        api.MapResourcesApi();
        api.MapTracesApi();
        api.MapLogsApi();
        api.MapMetricsApi();
        api.MapTargetsApi();
        api.MapTelemetryApi();
        api.MapLiveApi();
    }
}
