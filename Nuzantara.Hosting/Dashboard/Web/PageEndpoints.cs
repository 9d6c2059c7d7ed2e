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

        // Aspire's links to one resource's page (bookmarks, the Aspire CLI, docs) open the same page filtered to it.
        (string Route, string Page)[] resourceLinks =
        [
            ("/consolelogs/resource/{name}", "/consolelogs"),
            ("/structuredlogs/resource/{name}", "/structuredlogs"),
            ("/metrics/resource/{name}", "/charts"),
        ];
        foreach (var (route, page) in resourceLinks)
        {
            app.MapGet(route, (string name) => Results.Redirect($"{page}?resource={Uri.EscapeDataString(name)}")).RequireHost(host);
        }
    }

    /// <summary>
    /// Aspire's Metrics page is <c>/metrics</c>, where this dashboard serves Prometheus' scrape. A browser asks for HTML,
    /// which no scraper does: it is sent to the Metrics page, and scrapers keep their text.
    /// </summary>
    public static async Task SendBrowsersToChartsAsync(HttpContext context, RequestDelegate next)
    {
        if (HttpMethods.IsGet(context.Request.Method)
            && string.Equals(context.Request.Path.Value, "/metrics", StringComparison.OrdinalIgnoreCase)
            && context.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true))
        {
            context.Response.Redirect("/charts");
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}
