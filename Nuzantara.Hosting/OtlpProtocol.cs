namespace Aspire.Hosting;

/// <summary>How a resource sends OpenTelemetry data (OTEL_EXPORTER_OTLP_PROTOCOL); in Aspire.Hosting, as in Aspire.</summary>
public enum OtlpProtocol
{
    Grpc,
    HttpProtobuf,
    HttpJson,
}
