using Aspire.Hosting.Python;
using Nuzantara.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Aspire's other two ways to start a Python app: a module (<c>python -m</c>) and a program a package installs.</summary>
public static partial class PythonAppBuilderExtensions
{
    /// <summary><c>python3 -m &lt;moduleName&gt;</c> in <paramref name="appDirectory"/>; add arguments with WithArgs.</summary>
    public static IResourceBuilder<PythonAppResource> AddPythonModule(this IDistributedApplicationBuilder builder, string name, string appDirectory, string moduleName)
    {
        ArgumentException.ThrowIfNullOrEmpty(moduleName);
        return builder.AddPythonResource(name, appDirectory)
            .WithAnnotation(new PythonEntrypointAnnotation(EntrypointType.Module, moduleName, ModelArgumentCount: 2))
            .WithArgs("-m", moduleName);
    }

    /// <summary>
    /// A program a Python package installs (<c>gunicorn</c>, <c>celery</c>): found on PATH, where Debian's python3-*
    /// packages put it, or in the app's virtual environment once WithVirtualEnvironment names one.
    /// </summary>
    public static IResourceBuilder<PythonAppResource> AddPythonExecutable(this IDistributedApplicationBuilder builder, string name, string appDirectory, string executableName)
    {
        ArgumentException.ThrowIfNullOrEmpty(executableName);
        return builder.AddPythonResource(name, appDirectory, executableName)
            .WithAnnotation(new PythonEntrypointAnnotation(EntrypointType.Executable, executableName, ModelArgumentCount: 0));
    }
}
