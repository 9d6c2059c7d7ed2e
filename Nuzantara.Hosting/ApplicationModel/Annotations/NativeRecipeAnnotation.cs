using System.Runtime.InteropServices;

namespace Nuzantara.Hosting.ApplicationModel;

/// <summary>
/// How the process runtime runs a resource that is a container elsewhere: the native binary, the OS packages that
/// provide it, how to prepare its state (configuration files, initdb) and the arguments and environment it needs.
/// Container arguments and native arguments differ, so the recipe has its own.
/// </summary>
public sealed class NativeRecipeAnnotation(string command) : IResourceAnnotation
{
    /// <summary>A name looked up on PATH, an absolute path, or an absolute pattern with one '*' (the highest match wins).</summary>
    public string Command { get; } = command;

    /// <summary>Runs before every start: writes configuration, initialises data.</summary>
    public Func<NativeLaunchContext, Task>? Prepare { get; init; }

    /// <summary>Adds the native arguments and environment.</summary>
    public Func<NativeLaunchContext, Task>? Configure { get; init; }

    /// <summary>When the AppHost runs as root, the process drops to this user (PostgreSQL refuses to run as root).</summary>
    public string? RunAsUserWhenRoot { get; init; }

    /// <summary>The signal that asks the process for a fast, clean shutdown.</summary>
    public PosixSignal StopSignal { get; init; } = PosixSignal.SIGTERM;
}

public sealed class NativeLaunchContext(IResource resource, string commandPath, string stateDirectory, string? runAsUser, IServiceProvider services, CancellationToken cancellationToken)
{
    public IResource Resource { get; } = resource;

    /// <summary>Absolute path of the resolved command.</summary>
    public string CommandPath { get; } = commandPath;

    /// <summary>This resource's folder under the AppHost's state directory; it survives restarts of the AppHost.</summary>
    public string StateDirectory { get; } = stateDirectory;

    /// <summary>The user the process will run as, when it is not the AppHost's own.</summary>
    public string? RunAsUser { get; } = runAsUser;

    public IServiceProvider Services { get; } = services;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public List<object> Args { get; } = [];

    public Dictionary<string, object> EnvironmentVariables { get; } = new(StringComparer.Ordinal);
}
