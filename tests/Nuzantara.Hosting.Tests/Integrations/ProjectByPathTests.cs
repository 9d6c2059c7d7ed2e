using System.Text.Json.Nodes;

namespace Nuzantara.Hosting.Tests.Integrations;

/// <summary>AddProject(name, projectPath), as the playground's TestShop adds its basket service (with Windows separators).</summary>
public sealed class ProjectByPathTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nuzantara-project-by-path-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_project_added_by_a_relative_path_with_backslashes_is_published_as_that_project_with_its_profile()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_directory, "BasketService")).FullName;
        File.WriteAllText(Path.Combine(folder, "BasketService.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />");
        Directory.CreateDirectory(Path.Combine(folder, "Properties"));
        File.WriteAllText(Path.Combine(folder, "Properties", "launchSettings.json"), """
            { "profiles": { "http": { "commandName": "Project", "applicationUrl": "http://localhost:5202" } } }
            """);
        await using var model = PublishedModel.For("manifest");
        var relative = Path.GetRelativePath(model.Builder.AppHostDirectory, Path.Combine(folder, "BasketService.csproj")).Replace('/', '\\');

        var basket = model.Builder.AddProject("basketservice", relative);
        await model.PublishAsync(Token);

        Assert.Equal(Path.Combine(folder, "BasketService.csproj"), basket.Resource.Metadata.ProjectPath);
        var resource = JsonNode.Parse(model.Read("aspire-manifest.json"))!["resources"]!["basketservice"]!;
        Assert.Equal("project.v0", (string?)resource["type"]);
        Assert.EndsWith("BasketService.csproj", (string?)resource["path"]);
        Assert.NotNull(resource["bindings"]?["http"]);
        Assert.Empty(await PublishedModel.SchemaErrorsAsync(model.Read("aspire-manifest.json"), Token));
    }

    [Fact]
    public async Task A_path_to_no_project_file_fails_naming_the_resource_and_where_it_looked()
    {
        await using var model = PublishedModel.For("manifest");

        var error = Assert.Throws<DistributedApplicationException>(() => model.Builder.AddProject("basketservice", @"..\Missing\Missing.csproj"));

        var tried = Path.GetFullPath("../Missing/Missing.csproj", model.Builder.AppHostDirectory);
        Assert.Equal($"AddProject(\"basketservice\", ...): {tried} does not exist. Give AddProject the path of the project file (.csproj), " +
            $"absolute or relative to the AppHost's folder ({model.Builder.AppHostDirectory}).", error.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
