using Google.Protobuf;
using Grpc.Core;
using Nuzantara.Hosting.Dashboard.Otlp.Collector.Logs;
using Nuzantara.Hosting.Dashboard.Otlp.Collector.Metrics;
using Nuzantara.Hosting.Dashboard.Otlp.Collector.Trace;
using Nuzantara.Hosting.Dashboard.Telemetry;

namespace Nuzantara.Hosting.Dashboard.Otlp;

// A gRPC export reaches the forwarder (Grafana Cloud without Alloy) re-encoded as OTLP/HTTP protobuf, the one
// encoding it sends that was not received as is.

internal sealed class OtlpTraceService(TelemetryStore store, IOtlpExportForwarder? forwarder = null) : TraceService.TraceServiceBase
{
    public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
    {
        store.AddSpans(OtlpMapper.Spans(request));
        forwarder?.Enqueue("traces", request.ToByteArray(), "application/x-protobuf");
        return Task.FromResult(new ExportTraceServiceResponse());
    }
}

internal sealed class OtlpMetricsService(TelemetryStore store, IOtlpExportForwarder? forwarder = null) : MetricsService.MetricsServiceBase
{
    public override Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context)
    {
        store.AddMetricPoints(OtlpMapper.MetricPoints(request));
        forwarder?.Enqueue("metrics", request.ToByteArray(), "application/x-protobuf");
        return Task.FromResult(new ExportMetricsServiceResponse());
    }
}

internal sealed class OtlpLogsService(TelemetryStore store, IOtlpExportForwarder? forwarder = null) : LogsService.LogsServiceBase
{
    public override Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context)
    {
        store.AddLogs(OtlpMapper.Logs(request));
        forwarder?.Enqueue("logs", request.ToByteArray(), "application/x-protobuf");
        return Task.FromResult(new ExportLogsServiceResponse());
    }
}
