namespace Nuzantara.AspireCorpus.Tests;

/// <summary>
/// One run of the corpus checker, shared by the tests: tests/AspireCorpus, plus a corpus of one AppHost written here
/// that uses integrations this engine lacks, so that the tests see the checker fail as well as pass. Everything is built
/// in one restore and one MSBuild run, in a scratch folder that is removed afterwards.
/// </summary>
public sealed class CorpusRun : IAsyncLifetime
{
    public const string BrokenAppHost = "Broken.AppHost";

    private readonly string scratch = Path.Combine(Path.GetTempPath(), "nuzantara-tests", "corpus-" + Guid.NewGuid().ToString("N")[..8]);

    public string Scratch => scratch;

    public CorpusResult Result { get; private set; } = null!;

    public IEnumerable<ProjectResult> Corpus => Result.Projects.Where(p => p.Project.Name != BrokenAppHost);

    public ProjectResult Broken => Result.Projects.Single(p => p.Project.Name == BrokenAppHost);

    public ProjectResult Named(string name) => Result.Projects.Single(p => p.Project.Name == name);

    public async ValueTask InitializeAsync()
    {
        var broken = Path.Combine(scratch, "broken-corpus");
        WriteBrokenAppHost(Path.Combine(broken, BrokenAppHost));
        Result = await new CorpusChecker(Repository.Root).CheckAsync(
            [Path.Combine(Repository.Root, "tests", "AspireCorpus"), broken],
            new CorpusOptions(Path.Combine(scratch, "work")),
            TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private static void WriteBrokenAppHost(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, BrokenAppHost + ".csproj"), """
            <Project Sdk="Aspire.AppHost.Sdk/13.1.0">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Aspire.Hosting.SqlServer" Version="13.1.0" />
                <PackageReference Include="Aspire.Hosting.Kafka" Version="13.1.0" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "AppHost.cs"), """
            var builder = DistributedApplication.CreateBuilder(args);
            var messaging = builder.AddSqlServer("sql");
            var kafka = builder.AddKafka("kafka");
            builder.AddContainer("consumer", "busybox").WithReference(messaging).WithReference(kafka);
            builder.Build().Run();
            """);
    }
}
