using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nuzantara.Hosting.Dashboard.Telemetry;

namespace Nuzantara.Hosting.Dashboard.Api;

/// <summary><c>/api/logs</c>: structured log records, newest first, by resource, minimum level, text and trace id.</summary>
internal static class LogsApi
{
    private static readonly string[] Levels = ["trace", "debug", "information", "warning", "error", "critical"];

    public static void MapLogsApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/logs", (string? resource, string? level, string? text, string? traceId, int? limit, TelemetryStore store) =>
        {
            var query = Query(resource, level, text, traceId, limit);
            return query.Problem ?? Results.Ok(store.GetLogs(query.Filter, query.Take));
        });
    }

    /// <summary>The filter and count the query asks for, or the problem with it (shared with the logs' event stream).</summary>
    internal static (Func<StoredLog, bool> Filter, int Take, IResult? Problem) Query(string? resource, string? level, string? text, string? traceId, int? limit)
    {
        if (TracesApi.Limit(limit, 500, 5000) is not { } take)
        {
            return (_ => false, 0, TracesApi.BadLimit(5000));
        }

        var minimum = 0;
        if (!string.IsNullOrEmpty(level) && (minimum = Array.IndexOf(Levels, level.ToLowerInvariant())) < 0)
        {
            return (_ => false, 0, Results.Problem(statusCode: 400, title: "Bad level", detail: $"level is one of {string.Join(", ", Levels)}."));
        }

        return (
            l => (string.IsNullOrEmpty(resource) || string.Equals(l.Service, resource, StringComparison.OrdinalIgnoreCase))
                && Rank(l.Severity) >= minimum
                && (string.IsNullOrEmpty(text) || l.Message.Contains(text, StringComparison.OrdinalIgnoreCase))
                && (string.IsNullOrEmpty(traceId) || string.Equals(l.TraceId, traceId, StringComparison.OrdinalIgnoreCase)),
            take,
            null);
    }

    /// <summary>
    /// Exporters name levels differently (.NET "Information", OTLP's "INFO2", Python "WARN"): the first letters decide.
    /// </summary>
    internal static int Rank(string severity) => severity.ToLowerInvariant() switch
    {
        var s when s.StartsWith("trace", StringComparison.Ordinal) => 0,
        var s when s.StartsWith("debug", StringComparison.Ordinal) => 1,
        var s when s.StartsWith("info", StringComparison.Ordinal) => 2,
        var s when s.StartsWith("warn", StringComparison.Ordinal) => 3,
        var s when s.StartsWith("err", StringComparison.Ordinal) => 4,
        var s when s.StartsWith("crit", StringComparison.Ordinal) || s.StartsWith("fatal", StringComparison.Ordinal) => 5,
        _ => 2,
    };
}
