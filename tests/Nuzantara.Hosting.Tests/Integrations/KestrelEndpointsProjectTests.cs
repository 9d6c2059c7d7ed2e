using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Aspire.Hosting.Testing;

namespace Nuzantara.Hosting.Tests.Integrations;

/// <summary>
/// A project whose settings declare <c>Kestrel:Endpoints</c> gets one endpoint per Kestrel endpoint instead of its launch
/// profile's URLs, as in Aspire 13.6.5. The expected manifests are what the real Aspire 13.6.5 publishes for the same
/// project (tools/aspire-corpus/check.sh --real-aspire), less the default https endpoint Aspire adds on the http
/// endpoint's target port (a kept difference: docs/aspire-compatibility.md).
/// </summary>
public sealed class KestrelEndpointsProjectTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nuzantara-kestrel-endpoints-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_Kestrel_endpoint_is_published_as_the_http_binding_on_its_port_with_its_Url_overridden_instead_of_HTTP_PORTS()
    {
        var project = WriteProject("Api", """{ "Kestrel": { "Endpoints": { "Web": { "Url": "http://localhost:5100" } } } }""");
        await using var model = PublishedModel.For("manifest");

        model.Builder.AddProject("api", project);
        await model.PublishAsync(Token);

        var api = JsonNode.Parse(model.Read("aspire-manifest.json"))!["resources"]!["api"]!;
        Assert.Equal(
            """{"http":{"scheme":"http","protocol":"tcp","transport":"http","targetPort":5100}}""",
            api["bindings"]!.ToJsonString());
        var environment = api["env"]!.AsObject();
        Assert.Equal("http://*:{api.bindings.http.targetPort}", (string?)environment["Kestrel__Endpoints__http__Url"]);
        Assert.DoesNotContain(environment, e => e.Key is "HTTP_PORTS" or "HTTPS_PORTS" or "Kestrel__Endpoints__https__Url");
        Assert.Empty(await PublishedModel.SchemaErrorsAsync(model.Read("aspire-manifest.json"), Token));
    }

    [Fact]
    public async Task Several_Kestrel_endpoints_of_a_scheme_are_named_after_their_Kestrel_names_and_keep_their_own_protocols()
    {
        var project = WriteProject("Multi", """
            { "Kestrel": { "Endpoints": {
                "Public": { "Url": "http://*:6000" },
                "Internal": { "Url": "http://localhost:6001", "Protocols": "Http2" },
                "Secure": { "Url": "https://0.0.0.0:6443" } } } }
            """);
        await using var model = PublishedModel.For("manifest");

        model.Builder.AddProject("multi", project);
        await model.PublishAsync(Token);

        var multi = JsonNode.Parse(model.Read("aspire-manifest.json"))!["resources"]!["multi"]!;
        // Aspire moves the https endpoint onto the first http endpoint's target port (6001, where Internal listens, so
        // the published app could not bind it); here each keeps the port its Url names.
        var expected = JsonNode.Parse("""
            {
              "Internal": { "scheme": "http", "protocol": "tcp", "transport": "http2", "targetPort": 6001 },
              "Public": { "scheme": "http", "protocol": "tcp", "transport": "http", "targetPort": 6000 },
              "https": { "scheme": "https", "protocol": "tcp", "transport": "http", "targetPort": 6443 }
            }
            """)!;
        Assert.Equal(expected.ToJsonString(), multi["bindings"]!.ToJsonString());
        var environment = multi["env"]!.AsObject();
        Assert.Equal("http://*:{multi.bindings.Internal.targetPort}", (string?)environment["Kestrel__Endpoints__Internal__Url"]);
        Assert.Equal("http://*:{multi.bindings.Public.targetPort}", (string?)environment["Kestrel__Endpoints__Public__Url"]);
        Assert.Equal("https://*:{multi.bindings.https.targetPort}", (string?)environment["Kestrel__Endpoints__https__Url"]);
    }

    [Fact]
    public async Task An_endpoint_s_own_Protocols_win_over_Kestrel_s_endpoint_defaults()
    {
        var project = WriteProject("Grpc", """
            { "Kestrel": { "EndpointDefaults": { "Protocols": "Http2" }, "Endpoints": {
                "Grpc": { "Url": "http://*:6000" },
                "Web": { "Url": "http://*:6001", "Protocols": "Http1" } } } }
            """);
        await using var model = PublishedModel.For("manifest");

        model.Builder.AddProject("grpc", project);
        await model.PublishAsync(Token);

        var bindings = JsonNode.Parse(model.Read("aspire-manifest.json"))!["resources"]!["grpc"]!["bindings"]!;
        Assert.Equal("http2", (string?)bindings["Grpc"]!["transport"]);
        Assert.Equal("http", (string?)bindings["Web"]!["transport"]);
    }

    [Fact]
    public async Task Docker_Compose_publishes_the_shared_target_port_of_the_http_and_https_endpoints_once()
    {
        var project = WriteProject("Api", """{ "Kestrel": { "Endpoints": { "Web": { "Url": "http://localhost:5100" } } } }""");
        await using var model = PublishedModel.For("docker-compose");

        model.Builder.AddProject("api", project).WithHttpsEndpoint(targetPort: 5100).WithExternalHttpEndpoints();
        model.Builder.AddProject("internal", WriteProject("Internal", """{ "Kestrel": { "Endpoints": { "Web": { "Url": "http://localhost:5100" } } } }""")).WithHttpsEndpoint(targetPort: 5100);
        await model.PublishAsync(Token);

        var compose = model.Read("docker-compose.yaml");
        Assert.Contains("    ports:\n    - ${API_HTTP_HOST_PORT:-5100}:5100\n    restart:", compose.ReplaceLineEndings("\n"));
        Assert.Contains("    expose:\n    - \"5100\"\n    restart:", compose.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("API_HTTPS_HOST_PORT", model.Read(".env"));
    }

    [Fact]
    public async Task Kubernetes_lists_the_shared_target_port_of_the_http_and_https_endpoints_once()
    {
        var project = WriteProject("Api", """{ "Kestrel": { "Endpoints": { "Web": { "Url": "http://localhost:5100" } } } }""");
        await using var model = PublishedModel.For("kubernetes");

        model.Builder.AddProject("api", project).WithHttpsEndpoint(targetPort: 5100);
        await model.PublishAsync(Token);

        var objects = model.Read("api.yaml").ReplaceLineEndings("\n");
        Assert.Single(Regex.Matches(objects, @"- containerPort: 5100\n"));
        Assert.Single(Regex.Matches(objects, @"\n    port: 5100\n"));
    }

    [Fact]
    public async Task ExcludeKestrelEndpoints_keeps_the_launch_profile_s_endpoints()
    {
        var project = WriteProject("Api", """{ "Kestrel": { "Endpoints": { "Web": { "Url": "http://localhost:5100" } } } }""");
        await using var model = PublishedModel.For("manifest");

        var api = model.Builder.AddProject("api", project, options => options.ExcludeKestrelEndpoints = true);
        await model.PublishAsync(Token);

        var environment = JsonNode.Parse(model.Read("aspire-manifest.json"))!["resources"]!["api"]!["env"]!.AsObject();
        Assert.Equal(["https", "http"], api.Resource.GetEndpoints().Select(e => e.Name));
        Assert.DoesNotContain(environment, e => e.Key.StartsWith("Kestrel__", StringComparison.Ordinal));
    }

    [Fact]
    public void A_Kestrel_Url_that_is_not_one_fails_naming_the_key_and_the_fix()
    {
        var project = WriteProject("Api", """{ "Kestrel": { "Endpoints": { "Web": { "Url": "localhost:5100" } } } }""");
        using var builder = DistributedApplicationTestingBuilder.Create();

        var error = Assert.Throws<DistributedApplicationException>(() => builder.AddProject("api", project));

        Assert.StartsWith("Project 'api': Kestrel:Endpoints:Web:Url ('localhost:5100') is not a URL Kestrel can listen on", error.Message);
        Assert.EndsWith("Fix it in the project's appsettings.json, e.g. http://localhost:5100.", error.Message);
    }

    private string WriteProject(string name, string appSettings) => WebProjectFolder.Write(_directory, name, appSettings, "https://localhost:7202;http://localhost:5202");

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
