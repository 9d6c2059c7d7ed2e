
namespace Nuzantara.Hosting.Orchestration;

/// <summary>Starts one resource in one runtime (a native process, a container). The runner above it owns waits, restarts and state.</summary>
internal interface IResourceLauncher
{
    /// <summary>Runs whatever must happen before each start (configuration files, initdb) and starts the resource.</summary>
    Task<IRunningResource> LaunchAsync(IResource resource, LaunchSpec spec, CancellationToken cancellationToken);
}

/// <summary>A started resource.</summary>
internal interface IRunningResource
{
    /// <summary>The OS process id, when there is one on this machine.</summary>
    int? ProcessId { get; }

    /// <summary>Completes with the exit code when the resource stops, for whatever reason.</summary>
    Task<int> Exited { get; }

    /// <summary>Asks for a clean stop, then kills after <paramref name="gracePeriod"/>.</summary>
    Task StopAsync(TimeSpan gracePeriod, CancellationToken cancellationToken);
}

/// <summary>Environment and arguments of a resource, resolved to strings for this run.</summary>
internal sealed record LaunchSpec(IReadOnlyDictionary<string, string> Environment, IReadOnlyList<string> Args);
