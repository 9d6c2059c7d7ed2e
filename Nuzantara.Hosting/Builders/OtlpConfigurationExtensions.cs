namespace Aspire.Hosting;

public static class OtlpConfigurationExtensions
{
    /// <summary>
    /// The resource exports OpenTelemetry data to the dashboard: at launch it gets Aspire's OTEL_* variables (endpoint,
    /// protocol, the API key header, service name), over gRPC as projects do.
    /// </summary>
    public static IResourceBuilder<T> WithOtlpExporter<T>(this IResourceBuilder<T> builder) where T : IResourceWithEnvironment =>
        builder.WithOtlpExporter(OtlpProtocol.Grpc);

    /// <summary>As <see cref="WithOtlpExporter{T}(IResourceBuilder{T})"/>, to the dashboard's receiver for <paramref name="protocol"/>; the last call wins.</summary>
    public static IResourceBuilder<T> WithOtlpExporter<T>(this IResourceBuilder<T> builder, OtlpProtocol protocol) where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new OtlpExporterAnnotation(protocol));
}
