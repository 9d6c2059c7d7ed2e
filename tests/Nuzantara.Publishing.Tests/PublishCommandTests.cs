using System.Text.Json.Nodes;
using Nuzantara.Hosting.Orchestration.Process;

namespace Nuzantara.Publishing.Tests;

public sealed class PublishCommandTests(PublishedOutputs outputs)
{
    [Fact]
    public async Task An_unknown_publisher_fails_with_the_publishers_there_are()
    {
        var result = await AppHostProcess.RunAsync("--publisher", "helm", "--output-path", Path.Combine(outputs.Root, "helm"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Unknown publisher 'helm'. Use --publisher with one of: manifest, docker-compose, kubernetes, default.", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(outputs.Root, "helm")));
    }

    [Fact]
    public async Task A_missing_output_path_fails_with_aspires_message()
    {
        var result = await AppHostProcess.RunAsync("--publisher", "manifest");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The '--output-path [path]' option was not specified even though '--publisher manifest' argument was used.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_starts_nothing_and_generates_no_secret()
    {
        var root = Path.Combine(outputs.Root, $"quiet-{Guid.NewGuid():N}");
        var secrets = Path.Combine(root, "secrets.json");
        var state = Path.Combine(root, "state");

        var result = await AppHostProcess.RunAsync("--publisher", "docker-compose", "--output-path", Path.Combine(root, "out"),
            "--Nuzantara:SecretsPath", secrets, "--Nuzantara:StateDirectory", state);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.False(File.Exists(secrets), "publishing generated secrets");
        Assert.False(Directory.Exists(state), "publishing prepared resources in the state directory");
        Assert.True(File.Exists(Path.Combine(root, "out", "docker-compose.yaml")));
    }

    [Fact]
    public async Task Azd_gets_the_manifest_with_the_command_it_runs()
    {
        var manifest = Path.Combine(outputs.Root, $"azd-{Guid.NewGuid():N}", "apphost-manifest.json");

        // azd's command (Azure/azure-dev, PublishAppHostManifest), from the AppHost's folder; --no-build because the test's build built it.
        var result = await CommandRunner.RunAsync("dotnet",
            ["run", "--project", Path.GetFileName(AppHostProcess.ProjectPath), "--no-build", "--publisher", "manifest", "--output-path", manifest],
            TestContext.Current.CancellationToken,
            new Dictionary<string, string> { ["MSBUILDDISABLENODEREUSE"] = "1", ["ASPIRE_SUPPRESS_CLI_RUN_HOOK"] = "true", ["DOTNET_NOLOGO"] = "1" },
            workingDirectory: Path.GetDirectoryName(AppHostProcess.ProjectPath));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal("project.v0", (string?)JsonNode.Parse(await File.ReadAllTextAsync(manifest, TestContext.Current.CancellationToken))!["resources"]!["backend"]!["type"]);
    }

    [Fact]
    public async Task Azd_recognises_the_AppHost_as_an_Aspire_host()
    {
        // The exact query azd makes (Azure/azure-dev, IsAspireHostProject).
        var result = await CommandRunner.RunAsync("dotnet", ["msbuild", AppHostProcess.ProjectPath, "--ignore:.sln", "--getProperty:IsAspireHost", "--getItem:ProjectCapability"],
            TestContext.Current.CancellationToken, new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE"] = "1" });

        Assert.True(result.ExitCode == 0, result.Output);
        var answer = JsonNode.Parse(result.Output[result.Output.IndexOf('{')..])!;
        Assert.Equal("true", (string?)answer["Properties"]!["IsAspireHost"]);
        Assert.Contains("Aspire", answer["Items"]!["ProjectCapability"]!.AsArray().Select(c => (string?)c!["Identity"]));
    }
}
