using System.Text.Json.Nodes;
using Aspire.Hosting.Yarp.Transforms;

namespace Nuzantara.Hosting.Tests.Integrations;

/// <summary>AddYarp published: Aspire's YARP container, its routes and clusters as <c>REVERSEPROXY__…</c> variables.</summary>
public sealed class YarpPublishingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>As Aspire's playground/yarp gateway, with an external service as playground/ExternalServices has.</summary>
    private static void AddModel(PublishedModel model)
    {
        var backend = model.Builder.AddProject<Projects.Nuzantara_Fixtures_WhoAmI>("backend").WithHttpEndpoint();
        var nuget = model.Builder.AddExternalService("nuget", "https://api.nuget.org/");
        model.Builder.AddYarp("gateway").WithConfiguration(yarp =>
        {
            yarp.AddRoute("/api/{**catch-all}", backend).WithTransformPathRemovePrefix("/api");
            yarp.AddRoute("/nuget/{**catchall}", nuget).WithTransformPathRemovePrefix("/nuget");
        });
    }

    [Fact]
    public async Task The_manifest_entry_is_Aspires_container_with_the_routes_and_clusters_as_environment()
    {
        await using var model = PublishedModel.For("manifest");
        AddModel(model);

        await model.PublishAsync(Token);

        var text = model.Read("aspire-manifest.json");
        Assert.Empty(await PublishedModel.SchemaErrorsAsync(text, Token));
        // Aspire's playground/yarp and playground/ExternalServices manifests hold the same entry for their gateways.
        Assert.Equal("""
            {
              "type": "container.v0",
              "image": "mcr.microsoft.com/dotnet/nightly/yarp:2.3-preview",
              "entrypoint": "dotnet",
              "args": [
                "/app/yarp.dll"
              ],
              "env": {
                "ASPNETCORE_ENVIRONMENT": "Development",
                "REVERSEPROXY__ROUTES__route0__MATCH__PATH": "/api/{**catch-all}",
                "REVERSEPROXY__ROUTES__route0__CLUSTERID": "cluster_backend",
                "REVERSEPROXY__ROUTES__route0__TRANSFORMS__0__PathRemovePrefix": "/api",
                "REVERSEPROXY__ROUTES__route1__MATCH__PATH": "/nuget/{**catchall}",
                "REVERSEPROXY__ROUTES__route1__CLUSTERID": "cluster_nuget",
                "REVERSEPROXY__ROUTES__route1__TRANSFORMS__0__PathRemovePrefix": "/nuget",
                "REVERSEPROXY__CLUSTERS__cluster_backend__DESTINATIONS__destination1__ADDRESS": "http://backend",
                "REVERSEPROXY__CLUSTERS__cluster_nuget__DESTINATIONS__destination1__ADDRESS": "https://api.nuget.org/",
                "services__backend__http__0": "{backend.bindings.http.url}",
                "BACKEND_HTTP": "{backend.bindings.http.url}",
                "NUGET": "https://api.nuget.org/",
                "services__nuget__https__0": "https://api.nuget.org/"
              },
              "bindings": {
                "http": {
                  "scheme": "http",
                  "protocol": "tcp",
                  "transport": "http",
                  "targetPort": 5000
                }
              }
            }
            """, JsonNode.Parse(text)!["resources"]!["gateway"]!.ToJsonString(new() { WriteIndented = true }));
    }

    [Theory]
    [InlineData("docker-compose", "docker-compose.yaml")]
    [InlineData("kubernetes", "gateway.yaml")]
    public async Task Compose_and_Kubernetes_run_Aspires_YARP_image_with_the_same_configuration_and_the_backends_service_address(string publisher, string file)
    {
        await using var model = PublishedModel.For(publisher);
        AddModel(model);

        await model.PublishAsync(Token);

        var text = model.Read(file);
        Assert.Contains("image: mcr.microsoft.com/dotnet/nightly/yarp:2.3-preview", text, StringComparison.Ordinal);
        Assert.Contains("- /app/yarp.dll", text, StringComparison.Ordinal);
        Assert.Contains("REVERSEPROXY__ROUTES__route0__TRANSFORMS__0__PathRemovePrefix: /api", text, StringComparison.Ordinal);
        Assert.Contains("REVERSEPROXY__CLUSTERS__cluster_backend__DESTINATIONS__destination1__ADDRESS: http://backend", text, StringComparison.Ordinal);
        // What YARP's service discovery resolves http://backend with, in the deployment's own network.
        Assert.Contains("services__backend__http__0: http://backend:8080", text, StringComparison.Ordinal);
        Assert.Contains(publisher == "kubernetes" ? "containerPort: 5000" : "- \"5000\"", text, StringComparison.Ordinal);
    }
}
