namespace Nuzantara.AspireCorpus.Tests;

/// <summary>
/// The checker's run mode on the corpus's AspireShop (PostgreSQL and its database, Redis, four projects), once for the
/// class: the services are built with the AppHost, the AppHost is started as a user starts it, and SIGINT stops it.
/// </summary>
public sealed class AspireShopRun : IAsyncLifetime
{
    private readonly string scratch = Path.Combine(Path.GetTempPath(), "nuzantara-tests", "corpus-run-" + Guid.NewGuid().ToString("N")[..8]);

    public CorpusResult Result { get; private set; } = null!;

    public ProjectResult Named(string name) => Result.Projects.Single(p => p.Project.Name == name);

    public async ValueTask InitializeAsync() =>
        Result = await new CorpusChecker(Repository.Root).CheckAsync(
            [Path.Combine(Repository.Root, "tests", "AspireCorpus", "AspireShop")],
            new CorpusOptions(scratch, Publish: false, Run: true),
            TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}

public sealed class AppHostRunTests(AspireShopRun shop) : IClassFixture<AspireShopRun>
{
    [Fact]
    public void AspireShop_runs_with_every_resource_up_and_stops_on_SIGINT_leaving_no_port_held()
    {
        var run = shop.Named("AspireShop.AppHost").Run;

        Assert.NotNull(run);
        Assert.True(run.AllUp, CorpusReport.Markdown(shop.Result));
        Assert.Equal(
            ["basketcache", "basketservice", "catalogdb", "catalogdbmanager", "catalogservice", "frontend", "postgres"],
            run.Resources.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.NotNull(run.SettledAfter);
        Assert.Contains("| 7 of 7 up in ", CorpusReport.Markdown(shop.Result));
    }

    /// <summary>The corpus's own Aspire test project, unchanged, against the AppHost the run built.</summary>
    [Fact]
    public async Task AspireShop_s_own_tests_pass_on_the_engine()
    {
        var tests = shop.Named("AspireShop.Tests").Project;

        // An xunit v3 test project is its own test runner: dotnet run runs its tests, with no dotnet test opt-in to set up.
        var test = await ProcessRunner.RunAsync("dotnet", ["run", "--project", tests.ProjectPath], Path.GetDirectoryName(tests.ProjectPath)!, TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);

        Assert.True(test.ExitCode == 0, $"AspireShop.Tests failed on the engine: {test.Output}");
        Assert.Contains("Total: 2, Errors: 0, Failed: 0", test.Output);
    }

    [Theory]
    [InlineData("Running", "Healthy", null, true)]
    [InlineData("Running", "Unhealthy", null, false)]
    [InlineData("Running", "Checking", null, false)]
    [InlineData("Finished", null, 0, true)]
    [InlineData("Exited", null, 1, false)]
    [InlineData("FailedToStart", null, null, false)]
    [InlineData("Waiting", null, null, false)]
    [InlineData("Tick", null, null, true)]
    public void A_resource_is_up_when_running_healthy_completed_or_in_a_state_of_its_own(string state, string? health, int? exitCode, bool up) =>
        Assert.Equal(up, new AppHostRun.Resource("r", "Executable", state, health, null, exitCode).IsUp);
}
