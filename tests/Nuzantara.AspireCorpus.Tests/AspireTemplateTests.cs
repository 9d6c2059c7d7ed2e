namespace Nuzantara.AspireCorpus.Tests;

/// <summary>Aspire's project templates (<see cref="TemplateCorpusRun"/>) compile on this engine with only their project files rewritten, and their AppHosts publish valid manifests.</summary>
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
}
