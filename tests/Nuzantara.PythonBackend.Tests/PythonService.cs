using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging.Abstractions;
using Nuzantara.Hosting;
using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Orchestration.Process;
using Nuzantara.Hosting.Orchestration.Provisioning;

namespace Nuzantara.PythonBackend.Tests;

/// <summary>The Python service's folder, and Debian's interpreter with the service's packages plus a test's tools.</summary>
internal static class PythonService
{
    // The test classes run in parallel; one apt-get at a time (the second finds most packages installed already).
    private static readonly SemaphoreSlim Installing = new(1, 1);

    public static string Directory { get; } = Path.Combine(RepositoryRoot(), "Nuzantara.PythonBackend");

    /// <summary>
    /// The same provisioning the AppHost does for the service (its requirements as python3-* packages), plus
    /// <paramref name="tools"/>; installs only what is missing.
    /// </summary>
    public static async Task InstallAsync(params string[] tools)
    {
        var python = new ContainerResource("python-backend-tests");
        python.Annotations.Add(new RequiredPackagesAnnotation(PythonAppBuilderExtensions.Interpreter, ["python3"])
        {
            LibraryPackages = [.. PythonAppBuilderExtensions.DebianPackagesFor(Directory), .. tools],
        });
        var token = TestContext.Current.CancellationToken;
        await Installing.WaitAsync(token);
        try
        {
            await new NativeBinaryProvisioner(new HostingOptions(), NullLogger<NativeBinaryProvisioner>.Instance)
                .EnsureInstalledAsync([python], _ => { }, token);
        }
        finally
        {
            Installing.Release();
        }
    }

    /// <summary>Runs <c>/usr/bin/python3 args…</c> in the service's folder.</summary>
    public static Task<CommandRunner.Result> RunAsync(params string[] args) =>
        CommandRunner.RunAsync(PythonAppBuilderExtensions.Interpreter, args, TestContext.Current.CancellationToken, workingDirectory: Directory);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Nuzantara.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"No Nuzantara.sln above {AppContext.BaseDirectory}.");
    }
}
