using Aspire.Hosting.Testing;

namespace Nuzantara.Hosting.Tests.ApplicationModel;

/// <summary>WithOtlpExporter: any resource (here an executable) gets the OTEL_* settings projects get.</summary>
public sealed class OtlpExporterTests
{
    [Fact]
    public async Task An_executable_with_WithOtlpExporter_gets_the_endpoint_and_the_api_key_header()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var exporting = builder.AddExecutable("exporting", "sleep", ".", "300").WithOtlpExporter();
        var plain = builder.AddExecutable("plain", "sleep", ".", "300");
        var options = TestModel.Resolve(builder);

        var env = (await TestModel.LaunchSpecAsync(builder, options, exporting.Resource)).Environment;
        var plainEnv = (await TestModel.LaunchSpecAsync(builder, options, plain.Resource)).Environment;

        Assert.Equal("http://127.0.0.1:18889", env["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("grpc", env["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.Equal("x-otlp-api-key=test-api-key", env["OTEL_EXPORTER_OTLP_HEADERS"]);
        Assert.Equal("exporting", env["OTEL_SERVICE_NAME"]);
        Assert.False(plainEnv.ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"));
    }

    [Fact]
    public async Task The_protocol_chooses_the_receiver_and_the_last_call_wins()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var api = builder.AddProject<FakeProject>("api").WithOtlpExporter(OtlpProtocol.HttpProtobuf);
        var options = TestModel.Resolve(builder);

        var env = (await TestModel.LaunchSpecAsync(builder, options, api.Resource)).Environment;

        Assert.Equal("http://127.0.0.1:18890", env["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("http/protobuf", env["OTEL_EXPORTER_OTLP_PROTOCOL"]);
    }
}
