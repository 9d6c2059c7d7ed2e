using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging.Abstractions;
using Nuzantara.Hosting;
using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Orchestration.Process;
using Nuzantara.Hosting.Orchestration.Provisioning;

namespace Nuzantara.PythonBackend.Tests;

public sealed partial class PytestSuiteTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_python_backends_pytest_suite_passes()
    {
        var serviceDirectory = Path.Combine(RepositoryRoot(), "Nuzantara.PythonBackend");
        await InstallInterpreterPackagesAsync(serviceDirectory);

        var result = await CommandRunner.RunAsync(
            PythonAppBuilderExtensions.Interpreter, ["-m", "pytest", "tests", "-q", "-p", "no:cacheprovider"],
            TestContext.Current.CancellationToken, workingDirectory: serviceDirectory);

        output.WriteLine(result.Output);
        Assert.True(result.ExitCode == 0, $"pytest exited {result.ExitCode}:{Environment.NewLine}{result.Output}");
        Assert.Matches(PassedSummary(), result.Output);
    }

    /// <summary>The same provisioning the AppHost does for the service, plus pytest.</summary>
    private static Task InstallInterpreterPackagesAsync(string serviceDirectory)
    {
        var python = new ContainerResource("python-backend-tests");
        python.Annotations.Add(new RequiredPackagesAnnotation(PythonAppBuilderExtensions.Interpreter, ["python3"])
        {
            LibraryPackages = [.. PythonAppBuilderExtensions.DebianPackagesFor(serviceDirectory), "python3-pytest"],
        });
        return new NativeBinaryProvisioner(new HostingOptions(), NullLogger<NativeBinaryProvisioner>.Instance)
            .EnsureInstalledAsync([python], _ => { }, TestContext.Current.CancellationToken);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Nuzantara.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"No Nuzantara.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"\d+ passed")]
    private static partial Regex PassedSummary();
}
