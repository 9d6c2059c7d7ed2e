using System.Text.Json.Nodes;

namespace Nuzantara.AspireCorpus.Tests;

/// <summary>
/// tests/AspireCorpus (AppHosts and a test project in Aspire's own project shape, modelled on real ones) builds on this
/// engine with only the project files rewritten, and every AppHost publishes a manifest valid against aspire-8.0.
/// </summary>
public sealed class AspireCorpusTests(CorpusRun run)
{
    [Fact]
    public void The_checker_finds_every_corpus_project()
    {
        Assert.Equal(
            ["AspireShop.AppHost", "AspireShop.Tests", "JavaScriptApps.AppHost", "Parameters.AppHost", "PythonAndContainers"],
            run.Corpus.Select(p => p.Project.Name).Order(StringComparer.Ordinal));
        Assert.True(run.Named("PythonAndContainers").Project.IsFileBased);
        Assert.Equal(CorpusProjectKind.TestProject, run.Named("AspireShop.Tests").Project.Kind);
    }

    [Fact]
    public void Every_corpus_project_compiles()
    {
        var failing = run.Corpus.Where(p => !p.Compiles)
            .Select(p => $"{p.Project.DisplayPath} does not compile: {string.Join("; ", p.Errors.Take(5).Select(e => $"{e.Code} {e.Message}"))}")
            .ToList();

        Assert.True(failing.Count == 0, string.Join(Environment.NewLine, failing));
        Assert.Empty(run.Result.OtherErrors);
    }

    [Fact]
    public void Every_corpus_AppHost_publishes_a_manifest_valid_against_aspire_8()
    {
        var appHosts = run.Corpus.Where(p => p.Project.Kind == CorpusProjectKind.AppHost).ToList();
        var invalid = appHosts.Where(p => !p.ManifestValid)
            .Select(p => $"{p.Project.DisplayPath}: {string.Join("; ", p.Manifest?.Problems ?? ["not published: it does not compile"])}")
            .ToList();

        Assert.Equal(4, appHosts.Count);
        Assert.True(invalid.Count == 0, string.Join(Environment.NewLine, invalid));
    }

    [Fact]
    public void The_manifests_carry_each_model()
    {
        var shop = Resources("AspireShop.AppHost");
        Assert.Equal("project.v0", (string?)shop["frontend"]!["type"]);
        Assert.Equal("value.v0", (string?)shop["catalogdb"]!["type"]);
        Assert.Equal("container.v0", (string?)shop["basketcache"]!["type"]);

        var parameters = Resources("Parameters.AppHost");
        Assert.Equal("parameter.v0", (string?)parameters["api-key"]!["type"]);
        Assert.Equal("{db.connectionString}", (string?)parameters["api"]!["env"]!["ConnectionStrings__db"]);

        var containers = Resources("PythonAndContainers");
        Assert.Equal("container.v1", (string?)containers["ginapp"]!["type"]);
        Assert.Equal("{goversion.value}", (string?)containers["ginapp"]!["build"]!["args"]!["GO_VERSION"]);

        // As Aspire 13.6 publishes a JavaScript app: its image, built from the Dockerfile generated beside the manifest.
        var javaScript = Resources("JavaScriptApps.AppHost");
        Assert.Equal("container.v1", (string?)javaScript["frontend"]!["type"]);
        Assert.Equal("frontend.Dockerfile", (string?)javaScript["frontend"]!["build"]!["dockerfile"]);
        Assert.Equal(true, (bool?)javaScript["reactvite"]!["build"]!["buildOnly"]);
    }

    [Fact]
    public void An_AppHost_using_integrations_this_engine_lacks_fails_naming_them()
    {
        Assert.False(run.Broken.Compiles);
        Assert.Contains("AddSqlServer", run.Broken.MissingApis.Select(m => m.Api));
        Assert.Contains("AddKafka", run.Broken.MissingApis.Select(m => m.Api));
        Assert.Equal(["Aspire.Hosting.SqlServer", "Aspire.Hosting.Kafka"], run.Broken.AspireReferences);
        Assert.Null(run.Broken.Manifest);
        Assert.Contains("| Broken.AppHost/Broken.AppHost.csproj | AppHost | no | – | AddKafka (1), AddSqlServer (1) |", CorpusReport.Markdown(run.Result));
    }

    private JsonObject Resources(string appHost)
    {
        var manifest = run.Named(appHost).Manifest?.ManifestPath ?? throw new InvalidOperationException($"{appHost} published no manifest.");
        return JsonNode.Parse(File.ReadAllText(manifest))!["resources"]!.AsObject();
    }
}
