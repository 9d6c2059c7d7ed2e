using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Nuzantara.Hosting.Dashboard.Telemetry;

namespace Nuzantara.Hosting.Dashboard.Api;

/// <summary><c>/api/telemetry</c>: how full the store is, its limits and how much it dropped to stay within them.</summary>
internal static class TelemetryApi
{
    public static void MapTelemetryApi(this IEndpointRouteBuilder api) =>
        api.MapGet("/telemetry", (TelemetryStore store, DashboardOptions options) => new
        {
            counts = store.Counts,
            limits = new { traces = options.MaxTraceCount, logs = options.MaxLogCount, metricPoints = options.MaxMetricPointCount },
        });
}
