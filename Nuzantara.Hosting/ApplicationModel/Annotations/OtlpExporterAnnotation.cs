namespace Aspire.Hosting.ApplicationModel;

/// <summary>The resource exports OpenTelemetry data; the runtime injects the OTEL_* settings Aspire injects.</summary>
public sealed class OtlpExporterAnnotation(OtlpProtocol protocol = OtlpProtocol.Grpc) : IResourceAnnotation
{
    public OtlpProtocol Protocol { get; } = protocol;
}
