namespace Nuzantara.Hosting.Dashboard.Telemetry;

/// <summary>A span as the dashboard keeps it: flattened from OTLP, ids in lowercase hex as W3C trace context writes them.</summary>
public sealed record StoredSpan(
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

public sealed record StoredSpanEvent(DateTimeOffset Time, string Name, IReadOnlyDictionary<string, string> Attributes);

public sealed record StoredLog(
    string Service,
    DateTimeOffset Time,
    string Severity,
    string Message,
    string? TraceId,
    string? SpanId,
    IReadOnlyDictionary<string, string> Attributes);

public sealed record StoredMetricPoint(
    string Service,
    string Name,
    string Unit,
    DateTimeOffset Time,
    double Value,
    IReadOnlyDictionary<string, string> Attributes);

/// <summary>How much each store holds and how much it has dropped to stay within its limit.</summary>
public sealed record TelemetryCounts(int Traces, int Spans, int Logs, int MetricPoints, long DroppedTraces, long DroppedLogs, long DroppedMetricPoints);
