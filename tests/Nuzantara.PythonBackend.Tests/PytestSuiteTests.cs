using System.Text.RegularExpressions;

namespace Nuzantara.PythonBackend.Tests;

public sealed partial class PytestSuiteTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_python_backends_pytest_suite_passes()
    {
        await PythonService.InstallAsync("python3-pytest");

        var result = await PythonService.RunAsync("-m", "pytest", "tests", "-q", "-p", "no:cacheprovider");

        output.WriteLine(result.Output);
        Assert.True(result.ExitCode == 0, $"pytest exited {result.ExitCode}:{Environment.NewLine}{result.Output}");
        Assert.Matches(PassedSummary(), result.Output);
    }

    [GeneratedRegex(@"\d+ passed")]
    private static partial Regex PassedSummary();
}
