namespace Nuzantara.AspireCorpus.Tests;

/// <summary>
/// Aspire's project templates (<see cref="TemplateCorpusRun"/>) compile on this engine with only their project files
/// rewritten, their AppHosts publish valid manifests, and the starter's own test passes against it.
/// </summary>
public sealed class AspireTemplateTests(TemplateCorpusRun run)
{
    [Fact]
    public void Every_template_AppHost_and_test_project_is_found()
    {
        Assert.Equal(
            [
                "Empty.AppHost", "MSTestStarter.AppHost", "MSTestStarter.Tests", "NUnitStarter.AppHost", "NUnitStarter.Tests",
                "ReactStarter.AppHost", "RedisStarter.AppHost", "SingleFile", "Starter.AppHost", "Starter.Tests",
            ],
            run.Result.Projects.Select(p => p.Project.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_template_project_compiles()
    {
        var failing = run.Result.Projects.Where(p => !p.Compiles)
            .Select(p => $"{p.Project.DisplayPath} does not compile: {string.Join("; ", p.Errors.Take(5).Select(e => $"{e.Code} {e.Message}"))}")
            .ToList();

        Assert.True(failing.Count == 0, string.Join(Environment.NewLine, failing));
        Assert.Empty(run.Result.OtherErrors);
    }

    [Fact]
    public void Every_template_AppHost_publishes_a_manifest_valid_against_aspire_8()
    {
        var invalid = run.Result.Projects.Where(p => p.Project.Kind == CorpusProjectKind.AppHost && !p.ManifestValid)
            .Select(p => $"{p.Project.DisplayPath}: {string.Join("; ", p.Manifest?.Problems ?? ["not published: it does not compile"])}")
            .ToList();

        Assert.True(invalid.Count == 0, string.Join(Environment.NewLine, invalid));
        Assert.Equal(2, run.Named("Starter.AppHost").Manifest!.Resources);
    }

    /// <summary>
    /// The starter's WebTests, unchanged: the AppHost starts its API and Blazor front end through the testing builder,
    /// the front end becomes healthy and answers 200. The checker does not build service projects, so they are built here.
    /// </summary>
    [Fact]
    public async Task The_starter_template_s_own_test_passes_on_the_engine()
    {
        var tests = run.Named("Starter.Tests").Project;
        var solution = Path.GetDirectoryName(Path.GetDirectoryName(tests.ProjectPath))!;
        foreach (var service in new[] { "Starter.ApiService", "Starter.Web" })
        {
            var build = await ProcessRunner.RunAsync("dotnet", ["build", service, "-nologo", "-v:q", CompilerServer.BuildProperty], solution, TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
            Assert.True(build.ExitCode == 0, $"{service} did not build: {build.Output}");
        }

        var test = await ProcessRunner.RunAsync("dotnet", ["test", tests.ProjectPath, "--no-build"], solution, TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);

        Assert.True(test.ExitCode == 0, $"The starter's WebTests failed on the engine: {test.Output}");
        Assert.Contains("Passed:     1", test.Output);
    }
}
