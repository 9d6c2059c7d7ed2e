using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nuzantara.Hosting.Dashboard.Telemetry;

namespace Nuzantara.Hosting.Dashboard.Api;

internal sealed record InstrumentView(string Resource, string Name, string Unit, string Kind);

internal sealed record SeriesPoint(DateTimeOffset Time, double Value);

internal sealed record SeriesView(string Label, IReadOnlyList<SeriesPoint> Points);

/// <summary>
/// <c>/api/metrics</c>: the instruments each resource exported; <c>/api/metrics/{resource}/{instrument}</c>: its values
/// over time, one series per attribute set, or P50/P95/P99 for a histogram.
/// </summary>
internal static class MetricsApi
{
    private const int MaxSeries = 12;

    public static void MapMetricsApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/metrics", (TelemetryStore store) =>
            store.GetInstruments().Select(i => new InstrumentView(i.Service, i.Name, i.Unit, i.Kind)));

        api.MapGet("/metrics/{resource}/{instrument}", (string resource, string instrument, TelemetryStore store) =>
        {
            var points = store.GetMetricPoints(p => string.Equals(p.Service, resource, StringComparison.OrdinalIgnoreCase) && p.Name == instrument);
            if (points.Count == 0)
            {
                return Results.Problem(statusCode: 404, title: "No such instrument", detail: $"'{resource}' has exported no points of '{instrument}'.");
            }

            var last = points[^1];
            var series = last.Kind == "Histogram" ? Quantiles(points) : Numbers(points);
            return Results.Ok(new { resource = last.Service, name = last.Name, unit = last.Unit, kind = last.Kind, series });
        });
    }

    private static IReadOnlyList<SeriesView> Numbers(IReadOnlyList<StoredMetricPoint> points) =>
        [.. points.GroupBy(p => Label(p.Attributes))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Take(MaxSeries)
            .Select(g => new SeriesView(g.Key, [.. g.Select(p => new SeriesPoint(p.Time, p.Value))]))];

    /// <summary>
    /// Each export's new observations (cumulative totals minus the previous export's, per attribute set), summed over
    /// attribute sets, give the quantiles of that interval. A total that went down means the exporter restarted.
    /// </summary>
    private static IReadOnlyList<SeriesView> Quantiles(IReadOnlyList<StoredMetricPoint> points)
    {
        var previous = new Dictionary<string, IReadOnlyList<ulong>>(StringComparer.Ordinal);
        var intervals = new SortedDictionary<DateTimeOffset, (IReadOnlyList<double> Bounds, double[] Counts)>();
        foreach (var point in points.Where(p => p.Histogram is not null))
        {
            var histogram = point.Histogram!;
            var key = Label(point.Attributes);
            var before = histogram.Cumulative ? previous.GetValueOrDefault(key) : null;
            previous[key] = histogram.BucketCounts;
            var reset = before is null || before.Count != histogram.BucketCounts.Count || before.Zip(histogram.BucketCounts).Any(x => x.First > x.Second);
            if (histogram.Cumulative && before is null)
            {
                continue;
            }

            var delta = histogram.BucketCounts.Select((c, i) => reset ? (double)c : c - before![i]).ToArray();
            if (!intervals.TryGetValue(point.Time, out var interval) || interval.Counts.Length != delta.Length)
            {
                intervals[point.Time] = (histogram.Bounds, delta);
                continue;
            }

            for (var i = 0; i < delta.Length; i++)
            {
                interval.Counts[i] += delta[i];
            }
        }

        return [.. new[] { ("P50", 0.5), ("P95", 0.95), ("P99", 0.99) }.Select(q => new SeriesView(
            q.Item1,
            [.. intervals.Select(i => (i.Key, Value: HistogramQuantiles.Quantile(q.Item2, i.Value.Bounds, i.Value.Counts)))
                .Where(x => x.Value is not null)
                .Select(x => new SeriesPoint(x.Key, x.Value!.Value))]))];
    }

    private static string Label(IReadOnlyDictionary<string, string> attributes) =>
        attributes.Count == 0 ? "(all)" : string.Join(", ", attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"));
}
