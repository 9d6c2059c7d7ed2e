using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nuzantara.Hosting.Dashboard.Telemetry;

namespace Nuzantara.Hosting.Dashboard.Api;

internal sealed record TraceSummary(string TraceId, string Name, IReadOnlyList<string> Services, DateTimeOffset Start, double DurationMs, int SpanCount, bool HasError);

internal sealed record SpanView(
    string SpanId,
    string? ParentSpanId,
    string Service,
    string Name,
    string Kind,
    DateTimeOffset Start,
    double OffsetMs,
    double DurationMs,
    string Status,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<StoredSpanEvent> Events);

/// <summary><c>/api/traces</c>: newest traces first, filtered by resource and status; <c>/api/traces/{id}</c>: its spans.</summary>
internal static class TracesApi
{
    public static void MapTracesApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/traces", (string? resource, string? status, int? limit, TelemetryStore store) =>
        {
            var query = Query(resource, status, limit);
            return query.Problem ?? Results.Ok(Summaries(store, query.Filter, query.Take));
        });

        api.MapGet("/traces/{traceId}", (string traceId, TelemetryStore store) =>
        {
            if (traceId.Length != 32 || !traceId.All(Uri.IsHexDigit))
            {
                return Results.Problem(statusCode: 400, title: "Bad trace id", detail: "A trace id is 32 hex digits.");
            }

            var spans = store.GetTrace(traceId.ToLowerInvariant());
            if (spans.Count == 0)
            {
                return Results.Problem(statusCode: 404, title: "No such trace", detail: $"No span of trace {traceId} is in the store (it may have been dropped as the oldest).");
            }

            var start = spans.Min(s => s.Start);
            return Results.Ok(new
            {
                traceId = spans[0].TraceId,
                summary = Summarize(spans),
                spans = spans.Select(s => new SpanView(s.SpanId, s.ParentSpanId, s.Service, s.Name, s.Kind, s.Start, (s.Start - start).TotalMilliseconds, s.Duration.TotalMilliseconds, s.Status, s.Attributes, s.Events)),
            });
        });
    }

    /// <summary>The filter and count the query asks for, or the problem with it (shared with the traces' event stream).</summary>
    internal static (Func<IReadOnlyList<StoredSpan>, bool> Filter, int Take, IResult? Problem) Query(string? resource, string? status, int? limit)
    {
        if (Limit(limit, 100, 1000) is not { } take)
        {
            return (_ => false, 0, BadLimit(1000));
        }

        if (status is not (null or "" or "error" or "ok"))
        {
            return (_ => false, 0, Results.Problem(statusCode: 400, title: "Bad status filter", detail: "status is 'error' (traces with a failed span) or 'ok' (without)."));
        }

        return (
            t => (string.IsNullOrEmpty(resource) || t.Any(s => string.Equals(s.Service, resource, StringComparison.OrdinalIgnoreCase)))
                && (status is null or "" || (status == "error") == t.Any(IsError)),
            take,
            null);
    }

    internal static IReadOnlyList<TraceSummary> Summaries(TelemetryStore store, Func<IReadOnlyList<StoredSpan>, bool> filter, int take) =>
        [.. store.GetTraces(filter, take).Select(Summarize)];

    internal static int? Limit(int? requested, int fallback, int max) => requested switch
    {
        null => fallback,
        >= 1 and var n when n <= max => n,
        _ => null,
    };

    internal static IResult BadLimit(int max) => Results.Problem(statusCode: 400, title: "Bad limit", detail: $"limit is between 1 and {max}.");

    private static bool IsError(StoredSpan span) => span.Status == "Error";

    private static TraceSummary Summarize(IReadOnlyList<StoredSpan> spans)
    {
        var start = spans.Min(s => s.Start);
        var end = spans.Max(s => s.End);
        var ids = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        // The root is the span whose parent is not here; a trace still arriving may have none yet.
        var root = spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).MinBy(s => s.Start) ?? spans[0];
        return new TraceSummary(
            root.TraceId,
            $"{root.Service}: {root.Name}",
            [.. spans.Select(s => s.Service).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            start,
            (end - start).TotalMilliseconds,
            spans.Count,
            spans.Any(IsError));
    }
}
