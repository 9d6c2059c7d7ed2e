using System.Reflection;

namespace Nuzantara.AspireCorpus.Tests;

/// <summary>
/// Aspire's own project templates — the AppHosts and tests <c>dotnet new</c> gives an Aspire user, unchanged — checked on
/// this engine. Source: the Aspire.ProjectTemplates package on NuGet (built from dotnet/aspire,
/// src/Aspire.ProjectTemplates) at AspireComparedVersion (13.6.5), downloaded when this project is restored. Every
/// template with a C# AppHost or an Aspire test project is instantiated once per option that changes its AppHost or tests.
/// </summary>
public sealed class TemplateCorpusRun : IAsyncLifetime
{
    // Each template's own restore switch (the templates name it differently): the checker restores every project in
    // one run afterwards, and a restore per template was most of dotnet new's 45 s. The files written are the same.
    public static readonly AspireTemplates.Instance[] Instances =
    [
        new("aspire-starter", "Starter", "--test-framework", "xUnit.net", "--skipRestore"),
        new("aspire-starter", "NUnitStarter", "--test-framework", "NUnit", "--skipRestore"),
        new("aspire-starter", "MSTestStarter", "--test-framework", "MSTest", "--skipRestore"),
        new("aspire-starter", "RedisStarter", "--use-redis-cache", "--skipRestore"),
        new("aspire-ts-cs-starter", "ReactStarter", "--skipRestore"),
        new("aspire", "Empty", "--no-restore"),
        new("aspire-apphost-singlefile", "SingleFile"),
    ];

    private readonly string scratch = Path.Combine(Path.GetTempPath(), "nuzantara-tests", "templates-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The instantiated templates, as <c>dotnet new</c> wrote them.</summary>
    public string Templates => Path.Combine(scratch, "templates");

    public string Scratch => scratch;

    public CorpusResult Result { get; private set; } = null!;

    public ProjectResult Named(string name) => Result.Projects.Single(p => p.Project.Name == name);

    public async ValueTask InitializeAsync()
    {
        await AspireTemplates.InstantiateAsync(Package(), Templates, Instances, TestContext.Current.CancellationToken);
        // Online: the templates' own packages (NUnit, MSTest, OpenTelemetry…) are not among the solution's.
        Result = await new CorpusChecker(Repository.Root).CheckAsync(
            [Templates], new CorpusOptions(Path.Combine(scratch, "work"), Offline: false), TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private static string Package()
    {
        var root = typeof(TemplateCorpusRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value
            ?? throw new InvalidOperationException("The test assembly does not know NuGet's package folder: build it with 'dotnet build' (restore sets NuGetPackageRoot).");
        var version = RealAspireVersions.Current.Packages;
        return Path.Combine(root, "aspire.projecttemplates", version, $"aspire.projecttemplates.{version}.nupkg");
    }
}
