using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Nuzantara.Hosting.Dashboard.Web;

/// <summary>The dashboard's pages at Aspire's routes (Metrics moves to <c>/charts</c>: <c>/metrics</c> is Prometheus' scrape).</summary>
internal static class PageEndpoints
{
    public static void MapPages(this IEndpointRouteBuilder app, string host)
    {
        (string Route, string File)[] pages =
        [
            ("/", "resources.html"),
            ("/consolelogs", "console.html"),
            ("/structuredlogs", "logs.html"),
            ("/traces", "traces.html"),
            ("/traces/detail/{traceId}", "trace.html"),
            ("/charts", "metrics.html"),
            ("/alerts", "alerts.html"),
        ];
        foreach (var (route, file) in pages)
        {
            app.MapGet(route, (DashboardAssets assets) => assets.Page(file)).RequireHost(host);
        }

        app.MapGet("/static/{file}", (string file, DashboardAssets assets) => assets.File(file) ?? Results.NotFound()).RequireHost(host);
    }
}
