using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;
using Nuzantara.Hosting.Tests.Integrations;

namespace Nuzantara.Hosting.Tests.ApplicationModel;

/// <summary>What aspire-samples' Metrics collector extension uses: HostUrl, GetEndpoint on a resource and EnvironmentCallbackAnnotation's Action form.</summary>
public sealed class HostUrlTests
{
    private sealed class CollectorResource(string name) : ContainerResource(name);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_collector_gets_the_host_url_and_forwards_telemetry_set_by_an_annotation_callback()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var collector = new CollectorResource("otelcollector");
        builder.AddResource(collector).WithImage("otel/opentelemetry-collector-contrib").WithEndpoint(targetPort: 4317, name: "grpc", scheme: "http")
            .WithEnvironment("ASPIRE_ENDPOINT", $"{new HostUrl("http://localhost:18889")}");
        var api = builder.AddProject<FakeProject>("api").WithHttpEndpoint(port: 8080).WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:18889");
        var endpoint = collector.GetEndpoint("grpc");
        api.Resource.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
        {
            if (context.EnvironmentVariables.ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"))
            {
                context.EnvironmentVariables["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint;
            }
        }));
        var options = TestModel.Resolve(builder);

        var collectorEnvironment = (await TestModel.LaunchSpecAsync(builder, options, collector)).Environment;
        var apiEnvironment = (await TestModel.LaunchSpecAsync(builder, options, api.Resource)).Environment;

        Assert.True(endpoint.Exists);
        Assert.False(collector.GetEndpoint("http").Exists);
        Assert.Equal("http://localhost:18889", collectorEnvironment["ASPIRE_ENDPOINT"]);
        Assert.Equal(endpoint.Url, apiEnvironment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
    }

    [Fact]
    public async Task The_manifest_gets_the_host_url_as_written()
    {
        await using var model = PublishedModel.For("manifest");
        model.Builder.AddContainer("collector", "otel/opentelemetry-collector-contrib").WithEnvironment("ASPIRE_ENDPOINT", ReferenceExpression.Create($"{new HostUrl("http://localhost:18889")}"));
        model.Builder.AddContainer("plain", "nginx").WithAnnotation(new EnvironmentCallbackAnnotation(variables => variables["MODE"] = "plain"));

        await model.PublishAsync(Token);

        var resources = JsonNode.Parse(model.Read("aspire-manifest.json"))!["resources"]!;
        Assert.Equal("http://localhost:18889", (string?)resources["collector"]!["env"]!["ASPIRE_ENDPOINT"]);
        Assert.Equal("plain", (string?)resources["plain"]!["env"]!["MODE"]);
    }
}
