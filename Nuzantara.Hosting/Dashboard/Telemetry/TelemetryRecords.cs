namespace Nuzantara.Hosting.Dashboard.Telemetry;

/// <summary>A span as the dashboard keeps it: flattened from OTLP, ids in lowercase hex as W3C trace context writes them.</summary>
internal sealed record StoredSpan(
    string Service,
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    string Kind,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Status,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<StoredSpanEvent> Events)
{
    public TimeSpan Duration => End - Start;
}

internal sealed record StoredSpanEvent(DateTimeOffset Time, string Name, IReadOnlyDictionary<string, string> Attributes);

internal sealed record StoredLog(
    string Service,
    DateTimeOffset Time,
    string Severity,
    string Message,
    string? TraceId,
    string? SpanId,
    IReadOnlyDictionary<string, string> Attributes);

internal sealed record StoredMetricPoint(
    string Service,
    string Name,
    string Unit,
    DateTimeOffset Time,
    double Value,
    IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>Gauge, Sum, Histogram or Summary, as OTLP names the data.</summary>
    public string Kind { get; init; } = "Gauge";

    /// <summary>The buckets of a histogram point (its <see cref="Value"/> is the count), for quantiles.</summary>
    public StoredHistogram? Histogram { get; init; }
}

/// <summary>
/// One histogram point's explicit buckets: <see cref="BucketCounts"/> has one more entry than <see cref="Bounds"/>
/// (the last bucket is everything above the last bound). Cumulative exporters send running totals.
/// </summary>
internal sealed record StoredHistogram(IReadOnlyList<double> Bounds, IReadOnlyList<ulong> BucketCounts, double Sum, bool Cumulative);

/// <summary>How much each store holds and how much it has dropped to stay within its limit.</summary>
internal sealed record TelemetryCounts(int Traces, int Spans, int Logs, int MetricPoints, long DroppedTraces, long DroppedLogs, long DroppedMetricPoints);
