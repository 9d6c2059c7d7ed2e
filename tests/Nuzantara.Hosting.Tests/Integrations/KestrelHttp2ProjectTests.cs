using System.Text.Json.Nodes;

namespace Nuzantara.Hosting.Tests.Integrations;

/// <summary>
/// A project whose settings make Kestrel HTTP/2 only (a gRPC service, as aspire-shop's basket service) gets http2
/// endpoints, as in Aspire: its manifest binding says <c>"transport": "http2"</c>.
/// </summary>
public sealed class KestrelHttp2ProjectTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nuzantara-kestrel-http2-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Http2", "http2")]
    [InlineData("Http1AndHttp2", "http")]
    public async Task Kestrel_s_endpoint_defaults_set_the_transport_of_the_launch_profile_s_endpoints(string protocols, string transport)
    {
        var project = WriteProject("BasketService", $$"""{ "Kestrel": { "EndpointDefaults": { "Protocols": "{{protocols}}" } } }""");
        await using var model = PublishedModel.For("manifest");

        var basket = model.Builder.AddProject("basket", project);
        await model.PublishAsync(Token);

        Assert.Equal(transport, basket.Resource.GetEndpoints().Single().Transport);
        var binding = JsonNode.Parse(model.Read("aspire-manifest.json"))!["resources"]!["basket"]!["bindings"]!["http"]!;
        Assert.Equal(transport, (string?)binding["transport"]);
    }

    private string WriteProject(string name, string appSettings) => WebProjectFolder.Write(_directory, name, appSettings, "http://localhost:5202");

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
