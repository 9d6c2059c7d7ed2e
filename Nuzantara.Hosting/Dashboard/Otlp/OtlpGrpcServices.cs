using Grpc.Core;
using Nuzantara.Hosting.Dashboard.Otlp.Collector.Logs;
using Nuzantara.Hosting.Dashboard.Otlp.Collector.Metrics;
using Nuzantara.Hosting.Dashboard.Otlp.Collector.Trace;
using Nuzantara.Hosting.Dashboard.Telemetry;

namespace Nuzantara.Hosting.Dashboard.Otlp;

internal sealed class OtlpTraceService(TelemetryStore store) : TraceService.TraceServiceBase
{
    public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
    {
        store.AddSpans(OtlpMapper.Spans(request));
        return Task.FromResult(new ExportTraceServiceResponse());
    }
}

internal sealed class OtlpMetricsService(TelemetryStore store) : MetricsService.MetricsServiceBase
{
    public override Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context)
    {
        store.AddMetricPoints(OtlpMapper.MetricPoints(request));
        return Task.FromResult(new ExportMetricsServiceResponse());
    }
}

internal sealed class OtlpLogsService(TelemetryStore store) : LogsService.LogsServiceBase
{
    public override Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context)
    {
        store.AddLogs(OtlpMapper.Logs(request));
        return Task.FromResult(new ExportLogsServiceResponse());
    }
}
