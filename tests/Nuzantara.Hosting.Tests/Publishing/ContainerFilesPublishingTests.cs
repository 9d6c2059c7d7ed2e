using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;
using Nuzantara.Hosting.Tests.Integrations;

namespace Nuzantara.Hosting.Tests.Publishing;

/// <summary>PublishWithContainerFiles as in aspire-samples' aspire-with-javascript: a Vite app's build bundled into an API's wwwroot.</summary>
public sealed class ContainerFilesPublishingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string> ViteApp = new()
    {
        ["package.json"] = """{ "name": "web", "version": "1.0.0", "scripts": { "dev": "vite", "build": "vite build" } }""",
    };

    [Fact]
    public async Task The_manifest_says_where_the_sources_built_files_go_in_the_destinations_image()
    {
        await using var model = PublishedModel.For("manifest");
        var vite = model.Builder.AddViteApp("reactvite", model.App("web", ViteApp));
        var api = model.Builder.AddProject<Projects.Nuzantara_Fixtures_WhoAmI>("weatherapi").WithExternalHttpEndpoints();
        api.PublishWithContainerFiles(vite, "./wwwroot");

        await model.PublishAsync(Token);

        var manifest = model.Read("aspire-manifest.json");
        Assert.Empty(await PublishedModel.SchemaErrorsAsync(manifest, Token));
        var weatherapi = JsonNode.Parse(manifest)!["resources"]!["weatherapi"]!;
        Assert.Equal("""{"reactvite":{"destination":"./wwwroot","sources":["/app/dist"]}}""", weatherapi["containerFiles"]!.ToJsonString());
        Assert.Null(JsonNode.Parse(manifest)!["resources"]!["reactvite"]!["containerFiles"]);
    }

    [Fact]
    public async Task Source_paths_can_be_replaced_and_each_destination_lists_its_own_sources()
    {
        await using var model = PublishedModel.For("manifest");
        var directory = model.App("web", ViteApp);
        var vite = model.Builder.AddViteApp("web", directory).ClearContainerFilesSources().WithContainerFilesSource("/app/build").WithContainerFilesSource("/app/public");
        var admin = model.Builder.AddViteApp("admin", directory);
        var api = model.Builder.AddUvicornApp("api", model.App("api", new Dictionary<string, string> { ["main.py"] = "app = None\n", ["Dockerfile"] = "FROM python:3.13\n" }), "main:app");
        api.PublishWithContainerFiles(vite, "/srv/static").PublishWithContainerFiles(admin, "admin");

        await model.PublishAsync(Token);

        var manifest = model.Read("aspire-manifest.json");
        Assert.Empty(await PublishedModel.SchemaErrorsAsync(manifest, Token));
        Assert.Equal(
            """{"web":{"destination":"/srv/static","sources":["/app/build","/app/public"]},"admin":{"destination":"admin","sources":["/app/dist"]}}""",
            JsonNode.Parse(manifest)!["resources"]!["api"]!["containerFiles"]!.ToJsonString());
    }

    [Fact]
    public async Task At_run_time_nothing_changes_as_in_Aspire()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var vite = builder.AddViteApp("reactvite", "/nonexistent/web");
        var api = builder.AddProject<Projects.Nuzantara_Fixtures_WhoAmI>("weatherapi");

        api.PublishWithContainerFiles(vite, "./wwwroot");

        Assert.Empty(api.Resource.Annotations.OfType<ContainerFilesDestinationAnnotation>());
        Assert.Equal("/app/dist", Assert.Single(vite.Resource.Annotations.OfType<ContainerFilesSourceAnnotation>()).SourcePath);
    }
}
