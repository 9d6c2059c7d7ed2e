using Aspire.Hosting.Python;
using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Orchestration.Process;

namespace Aspire.Hosting;

/// <summary>
/// Where a Python app's packages come from, as Aspire's WithVirtualEnvironment and WithUv. No package index is
/// reachable here, so a virtual environment this AppHost creates sees Debian's python3-* packages
/// (<c>--system-site-packages</c>) and gets no pip; uv, which Debian bookworm does not package, must be installed by hand.
/// </summary>
public static class PythonEnvironmentBuilderExtensions
{
    /// <summary>
    /// Runs the app with the interpreter (or, for AddPythonExecutable, the program) of the virtual environment at
    /// <paramref name="virtualEnvironmentPath"/> (relative to the app's folder). A missing one is created before the
    /// first start when <paramref name="createIfNotExists"/>, otherwise the app fails to start saying so.
    /// </summary>
    public static IResourceBuilder<T> WithVirtualEnvironment<T>(this IResourceBuilder<T> builder, string virtualEnvironmentPath, bool createIfNotExists = true)
        where T : PythonAppResource
    {
        ArgumentException.ThrowIfNullOrEmpty(virtualEnvironmentPath);
        var resource = builder.Resource;
        var environment = Path.GetFullPath(virtualEnvironmentPath, resource.WorkingDirectory);
        // The interpreter becomes the environment's python3; a program keeps its name, in the environment's bin.
        resource.Command = Path.Combine(environment, "bin", Path.GetFileName(resource.Command));
        return builder.WithAnnotation(PythonEnvironmentSteps.VirtualEnvironment(environment, createIfNotExists));
    }

    /// <summary>
    /// uv manages the app's environment: before each start <c>uv sync</c> (when <paramref name="install"/>) fills
    /// <c>.venv</c> from pyproject.toml, and the app runs in it. Where uv is not on PATH the app fails to start
    /// with what to do.
    /// </summary>
    public static IResourceBuilder<T> WithUv<T>(this IResourceBuilder<T> builder, bool install = true, string[]? args = null)
        where T : PythonAppResource =>
        builder.WithAnnotation(PythonEnvironmentSteps.Uv(install, args ?? []))
            .WithAnnotation(new UvEnvironmentAnnotation())
            .WithVirtualEnvironment(".venv", createIfNotExists: false);
}
