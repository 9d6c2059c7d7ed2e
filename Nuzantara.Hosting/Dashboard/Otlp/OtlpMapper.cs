using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Nuzantara.Hosting.Dashboard.Otlp.Collector.Logs;
using Nuzantara.Hosting.Dashboard.Otlp.Collector.Metrics;
using Nuzantara.Hosting.Dashboard.Otlp.Collector.Trace;
using Nuzantara.Hosting.Dashboard.Otlp.Common;
using Nuzantara.Hosting.Dashboard.Telemetry;
using OtlpResource = Nuzantara.Hosting.Dashboard.Otlp.Resource.Resource;

namespace Nuzantara.Hosting.Dashboard.Otlp;

/// <summary>Flattens OTLP export requests into the store's records.</summary>
internal static class OtlpMapper
{
    public static IEnumerable<StoredSpan> Spans(ExportTraceServiceRequest request) =>
        from resourceSpans in request.ResourceSpans
        let service = ServiceName(resourceSpans.Resource)
        from scope in resourceSpans.ScopeSpans
        from span in scope.Spans
        select new StoredSpan(
            service,
            Hex(span.TraceId),
            Hex(span.SpanId),
            span.ParentSpanId.IsEmpty ? null : Hex(span.ParentSpanId),
            span.Name,
            span.Kind.ToString().Replace("SpanKind", string.Empty),
            Time(span.StartTimeUnixNano),
            Time(span.EndTimeUnixNano),
            span.Status?.Code.ToString().Replace("StatusCode", string.Empty) ?? "Unset",
            Attributes(span.Attributes),
            [.. span.Events.Select(e => new StoredSpanEvent(Time(e.TimeUnixNano), e.Name, Attributes(e.Attributes)))]);

    public static IEnumerable<StoredLog> Logs(ExportLogsServiceRequest request) =>
        from resourceLogs in request.ResourceLogs
        let service = ServiceName(resourceLogs.Resource)
        from scope in resourceLogs.ScopeLogs
        from record in scope.LogRecords
        select new StoredLog(
            service,
            Time(record.TimeUnixNano != 0 ? record.TimeUnixNano : record.ObservedTimeUnixNano),
            string.IsNullOrEmpty(record.SeverityText) ? record.SeverityNumber.ToString().Replace("SeverityNumber", string.Empty) : record.SeverityText,
            Text(record.Body),
            record.TraceId.IsEmpty ? null : Hex(record.TraceId),
            record.SpanId.IsEmpty ? null : Hex(record.SpanId),
            Attributes(record.Attributes));

    public static IEnumerable<StoredMetricPoint> MetricPoints(ExportMetricsServiceRequest request)
    {
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var service = ServiceName(resourceMetrics.Resource);
            foreach (var metric in resourceMetrics.ScopeMetrics.SelectMany(s => s.Metrics))
            {
                var points = metric.DataCase switch
                {
                    Metrics.Metric.DataOneofCase.Gauge => metric.Gauge.DataPoints.Select(p => Point(p.TimeUnixNano, Number(p), p.Attributes, "Gauge")),
                    Metrics.Metric.DataOneofCase.Sum => metric.Sum.DataPoints.Select(p => Point(p.TimeUnixNano, Number(p), p.Attributes, "Sum")),
                    Metrics.Metric.DataOneofCase.Histogram => metric.Histogram.DataPoints.Select(p => Point(p.TimeUnixNano, p.Count, p.Attributes, "Histogram") with
                    {
                        Histogram = new StoredHistogram(
                            [.. p.ExplicitBounds],
                            [.. p.BucketCounts],
                            p.Sum,
                            metric.Histogram.AggregationTemporality == Metrics.AggregationTemporality.Cumulative),
                    }),
                    Metrics.Metric.DataOneofCase.Summary => metric.Summary.DataPoints.Select(p => Point(p.TimeUnixNano, p.Sum, p.Attributes, "Summary")),
                    _ => [],
                };
                foreach (var point in points)
                {
                    yield return point;
                }

                StoredMetricPoint Point(ulong time, double value, RepeatedField<KeyValue> attributes, string kind) =>
                    new(service, metric.Name, metric.Unit, Time(time), value, Attributes(attributes)) { Kind = kind };
            }
        }
    }

    private static double Number(Metrics.NumberDataPoint point) =>
        point.ValueCase == Metrics.NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble;

    private static string ServiceName(OtlpResource? resource) =>
        resource?.Attributes.FirstOrDefault(a => a.Key == "service.name")?.Value?.StringValue is { Length: > 0 } name ? name : "unknown";

    private static Dictionary<string, string> Attributes(RepeatedField<KeyValue> attributes) =>
        attributes.GroupBy(a => a.Key).ToDictionary(g => g.Key, g => Text(g.Last().Value), StringComparer.Ordinal);

    private static string Text(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.ArrayValue => "[" + string.Join(", ", value.ArrayValue.Values.Select(Text)) + "]",
        AnyValue.ValueOneofCase.KvlistValue => "{" + string.Join(", ", value.KvlistValue.Values.Select(kv => $"{kv.Key}={Text(kv.Value)}")) + "}",
        AnyValue.ValueOneofCase.BytesValue => Convert.ToBase64String(value.BytesValue.ToByteArray()),
        _ => string.Empty,
    };

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);

    private static DateTimeOffset Time(ulong unixNanos) => DateTimeOffset.UnixEpoch.AddTicks((long)(unixNanos / 100));
}
