namespace Nuzantara.AspireCorpus.Tests;

/// <summary>How two manifests of one AppHost are compared: as JSON, with paths taken relative to each corpus copy.</summary>
public sealed class ManifestComparisonTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("nuzantara-manifest-comparison-").FullName;

    [Fact]
    public void Property_order_schema_and_each_manifest_s_own_folder_do_not_count()
    {
        var ours = Write("ours/manifests/app/aspire-manifest.json", """
            { "$schema": "https://json.schemastore.org/aspire-8.0.json", "resources": { "api": {
              "type": "project.v0", "path": "../../copy/Api/Api.csproj", "env": { "B": "2", "A": "1" } } } }
            """);
        var aspire = Write("aspire/copy/out/aspire-manifest.json", """
            { "resources": { "api": { "env": { "A": "1", "B": "2" }, "path": "../Api/Api.csproj", "type": "project.v0" } } }
            """);

        Assert.Empty(ManifestComparison.Compare(ours, Path.Combine(_root, "ours", "copy"), aspire, Path.Combine(_root, "aspire", "copy")));
    }

    [Fact]
    public void A_difference_names_its_path_and_both_values()
    {
        var ours = Write("ours.json", """{ "resources": { "api": { "args": ["a", "b"], "bindings": { "http": { "scheme": "http" } } } } }""");
        var aspire = Write("aspire.json", """{ "resources": { "api": { "args": ["a", "c"], "bindings": { "http": { "scheme": "http" }, "https": { "scheme": "https" } } } } }""");

        var differences = ManifestComparison.Compare(ours, _root, aspire, _root);

        Assert.Equal(
            [
                new ManifestDifference("resources.api.args[1]", "\"b\"", "\"c\""),
                new ManifestDifference("resources.api.bindings.https", null, """{"scheme":"https"}"""),
            ],
            differences);
    }

    private string Write(string relativePath, string json)
    {
        var path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
        return path;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
