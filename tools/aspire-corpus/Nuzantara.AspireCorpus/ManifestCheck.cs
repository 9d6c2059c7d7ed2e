using NJsonSchema;
using Nuzantara.Hosting.Publishing.Manifest;

namespace Nuzantara.AspireCorpus;

/// <summary>
/// Publishes a built AppHost's manifest as azd asks for it (<c>--publisher manifest --output-path</c>) and validates it
/// against the aspire-8.0 schema the engine ships.
/// </summary>
public static class ManifestCheck
{
    public sealed record Outcome(bool Published, IReadOnlyList<string> Problems, string? ManifestPath, int Resources);

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task<Outcome> RunAsync(CorpusProject project, string outputFolder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outputFolder);
        var run = await ProcessRunner.RunAsync(
            "dotnet",
            ["run", "--no-build", "--no-launch-profile", "--project", project.BuildPath, "--", "--publisher", "manifest", "--output-path", outputFolder],
            Path.GetDirectoryName(project.BuildPath)!,
            Timeout,
            cancellationToken);
        var manifest = Path.Combine(outputFolder, "aspire-manifest.json");
        if (run.ExitCode != 0 || !File.Exists(manifest))
        {
            var why = run.TimedOut ? $"did not exit within {Timeout.TotalSeconds} s" : $"exit code {run.ExitCode}";
            return new Outcome(false, [$"publishing failed ({why}): {LastLines(run.Output)}"], null, 0);
        }

        var json = await File.ReadAllTextAsync(manifest, cancellationToken);
        var schema = await JsonSchema.FromJsonAsync(ManifestSchema.Read(), cancellationToken);
        var problems = schema.Validate(json).Select(error => error.ToString()).ToList();
        var resources = System.Text.Json.Nodes.JsonNode.Parse(json)?["resources"]?.AsObject().Count ?? 0;
        return new Outcome(true, problems, manifest, resources);
    }

    internal static string LastLines(string output) =>
        string.Join(" | ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(4));
}
