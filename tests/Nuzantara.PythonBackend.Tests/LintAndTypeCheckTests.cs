namespace Nuzantara.PythonBackend.Tests;

/// <summary>
/// Debian's flake8 and mypy over the service and its tests, with the settings in Nuzantara.PythonBackend/setup.cfg
/// (line length, which code must be fully typed, which libraries have no type information).
/// </summary>
public sealed class LintAndTypeCheckTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Flake8_reports_nothing()
    {
        await PythonService.InstallAsync("python3-flake8");

        var result = await PythonService.RunAsync("-m", "flake8");

        output.WriteLine(result.Output);
        Assert.True(result.ExitCode == 0 && result.Output.Trim().Length == 0,
            $"flake8 exited {result.ExitCode}; fix what it reports (settings: setup.cfg [flake8]):{Environment.NewLine}{result.Output}");
    }

    [Fact]
    public async Task Mypy_reports_nothing()
    {
        // mypy needs the libraries themselves (FastAPI, pydantic… carry their types), so the service's packages too.
        await PythonService.InstallAsync("mypy");

        // The cache outside the working tree: a fresh check of FastAPI and pydantic takes half a minute, a cached one seconds.
        var cache = Path.Combine(Path.GetTempPath(), "nuzantara-python-backend-mypy-cache");
        var result = await PythonService.RunAsync("-m", "mypy", "--cache-dir", cache);

        output.WriteLine(result.Output);
        Assert.True(result.ExitCode == 0,
            $"mypy exited {result.ExitCode}; fix what it reports (settings: setup.cfg [mypy]):{Environment.NewLine}{result.Output}");
    }
}
