using Google.Protobuf;
using Nuzantara.Hosting.Dashboard.Otlp;
using Nuzantara.Hosting.Dashboard.Otlp.Collector.Metrics;
using Nuzantara.Hosting.Dashboard.Otlp.Collector.Trace;

namespace Nuzantara.Dashboard.Tests.Telemetry;

/// <summary>What an exporter sends, protobuf or OTLP/JSON, becomes the same spans, logs and metric points.</summary>
public sealed class OtlpDecodingTests
{
    private const string TraceJson = """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"orchestrator"}}]},
          "scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","parentSpanId":"eee19b7ec3c1b173",
            "name":"GET /api/search","kind":2,"startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000250000000",
            "status":{"code":2},"attributes":[{"key":"http.response.status_code","value":{"intValue":"500"}}],
            "events":[{"timeUnixNano":"1700000000100000000","name":"exception","attributes":[{"key":"exception.type","value":{"stringValue":"TimeoutException"}}]}]}]}]}]}
        """;

    [Fact]
    public void OTLP_JSON_spans_keep_hex_ids_service_timing_status_attributes_and_events()
    {
        var span = Assert.Single(OtlpMapper.Spans(OtlpJson.Parse<ExportTraceServiceRequest>(TraceJson)));

        Assert.Equal("orchestrator", span.Service);
        Assert.Equal("5b8efff798038103d269b633813fc60c", span.TraceId);
        Assert.Equal("eee19b7ec3c1b174", span.SpanId);
        Assert.Equal("eee19b7ec3c1b173", span.ParentSpanId);
        Assert.Equal("Server", span.Kind);
        Assert.Equal("Error", span.Status);
        Assert.Equal(TimeSpan.FromMilliseconds(250), span.Duration);
        Assert.Equal("500", span.Attributes["http.response.status_code"]);
        var exception = Assert.Single(span.Events);
        Assert.Equal("exception", exception.Name);
        Assert.Equal("TimeoutException", exception.Attributes["exception.type"]);
    }

    [Fact]
    public void The_same_request_as_protobuf_decodes_to_the_same_span()
    {
        var fromJson = OtlpJson.Parse<ExportTraceServiceRequest>(TraceJson);
        var fromProtobuf = ExportTraceServiceRequest.Parser.ParseFrom(fromJson.ToByteArray());

        var expected = Assert.Single(OtlpMapper.Spans(fromJson));
        var actual = Assert.Single(OtlpMapper.Spans(fromProtobuf));
        Assert.Equal((expected.TraceId, expected.SpanId, expected.Name, expected.Start, expected.End), (actual.TraceId, actual.SpanId, actual.Name, actual.Start, actual.End));
    }

    [Theory]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"not-hex","spanId":"eee19b7ec3c1b174"}]}]}]}""")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":""")]
    [InlineData("""{"resourceSpans":"many"}""")]
    public void Malformed_OTLP_JSON_is_rejected_with_a_parse_error(string json)
    {
        var error = Record.Exception(() => OtlpJson.Parse<ExportTraceServiceRequest>(json));

        Assert.True(error is FormatException or System.Text.Json.JsonException or InvalidProtocolBufferException, $"got {error?.GetType().Name ?? "no error"}");
    }

    [Fact]
    public void A_span_without_service_name_is_filed_under_unknown()
    {
        var span = Assert.Single(OtlpMapper.Spans(OtlpJson.Parse<ExportTraceServiceRequest>(
            """{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"x"}]}]}]}""")));

        Assert.Equal("unknown", span.Service);
        Assert.Null(span.ParentSpanId);
    }

    [Fact]
    public void Histogram_points_keep_their_buckets_and_temporality_and_sums_their_kind()
    {
        var request = OtlpJson.Parse<ExportMetricsServiceRequest>("""
            {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"backend"}}]},"scopeMetrics":[{"metrics":[
              {"name":"http.server.request.duration","unit":"s","histogram":{"aggregationTemporality":2,"dataPoints":[
                {"timeUnixNano":"1700000000000000000","count":"6","sum":1.5,"explicitBounds":[0.1,0.5],"bucketCounts":["3","2","1"],
                 "attributes":[{"key":"http.route","value":{"stringValue":"/api/search"}}]}]}},
              {"name":"requests","sum":{"aggregationTemporality":2,"isMonotonic":true,"dataPoints":[{"timeUnixNano":"1700000000000000000","asInt":"42"}]}}]}]}]}
            """);

        var points = OtlpMapper.MetricPoints(request).ToList();

        var histogram = points.Single(p => p.Name == "http.server.request.duration");
        Assert.Equal(("backend", "Histogram", "s", 6.0), (histogram.Service, histogram.Kind, histogram.Unit, histogram.Value));
        Assert.Equal([0.1, 0.5], histogram.Histogram!.Bounds);
        Assert.Equal([3UL, 2UL, 1UL], histogram.Histogram.BucketCounts);
        Assert.True(histogram.Histogram.Cumulative);
        Assert.Equal("/api/search", histogram.Attributes["http.route"]);
        var sum = points.Single(p => p.Name == "requests");
        Assert.Equal(("Sum", 42.0), (sum.Kind, sum.Value));
    }
}
