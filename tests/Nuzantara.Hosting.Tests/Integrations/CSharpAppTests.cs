using Aspire.Hosting.Testing;

#pragma warning disable ASPIRECSHARPAPPS001 // As the playground's FileBasedApps suppresses it.

namespace Nuzantara.Hosting.Tests.Integrations;

/// <summary>AddCSharpApp as the playground's FileBasedApps uses it: a .NET 10 file-based app, or a project by its folder.</summary>
public sealed class CSharpAppTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(240);

    private readonly string _directory = Directory.CreateTempSubdirectory("nuzantara-csharp-app-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_file_based_app_is_built_and_run_by_dotnet_run_with_its_run_json_profile()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "api"));
        File.WriteAllText(Path.Combine(_directory, "api", "api.cs"), """
            #:sdk Microsoft.NET.Sdk.Web
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/", () => $"{Environment.GetEnvironmentVariable("GREETING")} from {Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME")}");
            app.Run();
            """);
        File.WriteAllText(Path.Combine(_directory, "api", "api.run.json"), """
            { "profiles": { "http": { "commandName": "Project", "applicationUrl": "http://localhost:5202", "environmentVariables": { "GREETING": "hello" } } } }
            """);
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var api = builder.AddCSharpApp("api", Path.Combine(_directory, "api", "api.cs"));
        await using var app = await builder.BuildAsync(Token);

        await app.StartAsync(Token);
        using var http = app.CreateHttpClient("api");
        var answer = await Eventually.ReadAsync(
            async () => { try { return await http.GetStringAsync("/", Token); } catch (HttpRequestException ex) { return ex.Message; } },
            a => a == "hello from api", Timeout, a => $"The file-based app answered '{a}'");

        Assert.Equal("hello from api", answer);
        Assert.Equal("http", Assert.Single(api.Resource.GetEndpoints()).Name);
    }

    [Fact]
    public async Task A_project_is_found_by_its_folder_and_the_options_choose_the_profile()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_directory, "Web")).FullName;
        File.WriteAllText(Path.Combine(folder, "Web.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />");
        Directory.CreateDirectory(Path.Combine(folder, "Properties"));
        File.WriteAllText(Path.Combine(folder, "Properties", "launchSettings.json"), """
            { "profiles": { "http": { "commandName": "Project", "applicationUrl": "http://localhost:5202" },
                            "https": { "commandName": "Project", "applicationUrl": "https://localhost:7276;http://localhost:5203" } } }
            """);
        await using var builder = DistributedApplicationTestingBuilder.Create();

        var byDefault = builder.AddCSharpApp("frontend", folder + "/");
        var https = builder.AddCSharpApp("secure", Path.Combine(folder, "Web.csproj"), options => options.LaunchProfileName = "https");
        var bare = builder.AddCSharpApp("bare", folder, options => options.ExcludeLaunchProfile = true);

        Assert.Equal(Path.Combine(folder, "Web.csproj"), byDefault.Resource.Metadata.ProjectPath);
        Assert.False(byDefault.Resource.Metadata.IsFileBasedApp);
        Assert.Equal(["http"], byDefault.Resource.GetEndpoints().Select(e => e.Name));
        Assert.IsType<CSharpAppResource>(https.Resource);
        Assert.Equal(["https", "http"], https.Resource.GetEndpoints().Select(e => e.Name));
        Assert.Empty(bare.Resource.GetEndpoints());
    }

    [Fact]
    public async Task A_relative_path_with_backslashes_is_read_as_AddProject_reads_it()
    {
        var project = Path.Combine(Directory.CreateDirectory(Path.Combine(_directory, "Web")).FullName, "Web.csproj");
        File.WriteAllText(project, "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />");
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var relative = Path.GetRelativePath(builder.AppHostDirectory, project).Replace('/', '\\');

        var web = builder.AddCSharpApp("web", relative);

        Assert.Equal(project, web.Resource.Metadata.ProjectPath);
    }

    [Fact]
    public async Task A_path_that_is_no_app_fails_naming_it()
    {
        File.WriteAllText(Path.Combine(_directory, "notes.txt"), "");
        await using var builder = DistributedApplicationTestingBuilder.Create();

        var missing = Assert.Throws<DistributedApplicationException>(() => builder.AddCSharpApp("api", Path.Combine(_directory, "api.cs")));
        var wrong = Assert.Throws<DistributedApplicationException>(() => builder.AddCSharpApp("notes", Path.Combine(_directory, "notes.txt")));
        var empty = Assert.Throws<DistributedApplicationException>(() => builder.AddCSharpApp("empty", _directory));

        Assert.StartsWith($"AddCSharpApp(\"api\", ...): {Path.Combine(_directory, "api.cs")} does not exist. Give AddCSharpApp the path of a .cs file, a .csproj project or the project's folder", missing.Message);
        Assert.StartsWith("AddCSharpApp(\"notes\", ...):", wrong.Message);
        Assert.Contains("neither a .cs file nor a .csproj", wrong.Message);
        Assert.StartsWith("AddCSharpApp(\"empty\", ...):", empty.Message);
        Assert.Contains("no .csproj files", empty.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
