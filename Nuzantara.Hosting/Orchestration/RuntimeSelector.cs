using Microsoft.Extensions.Logging;
using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Orchestration.Container;
using Nuzantara.Hosting.Orchestration.Process;
using Nuzantara.Hosting.Orchestration.Yarp;

namespace Nuzantara.Hosting.Orchestration;

/// <summary>Which launcher runs each resource, and why a resource that none can run stays NotStarted.</summary>
internal sealed class RuntimeSelection(Func<IResource, IResourceLauncher?> launcher, Func<IResource, string> whyNotRunnable, string runtimeName)
{
    /// <summary><c>container</c> when container resources run in the engine, otherwise <c>process</c>.</summary>
    public string RuntimeName { get; } = runtimeName;

    public IResourceLauncher? Launcher(IResource resource) => launcher(resource);

    public string WhyNotRunnable(IResource resource) => whyNotRunnable(resource);
}

/// <summary>
/// <c>--runtime process|container|auto</c>: projects and executables always run as processes; container resources run
/// in a container engine when one is chosen, otherwise through their native recipe. <c>auto</c> (the default) chooses
/// the engine when it answers a ping within two seconds; <c>container</c> requires it; <c>process</c> never asks.
/// YARP resources run inside the AppHost under either (<see cref="InProcessYarpLauncher"/>).
/// </summary>
internal sealed class RuntimeSelector(
    HostingOptions options,
    ProcessRuntime processRuntime,
    ContainerEngine engine,
    ContainerRuntime containerRuntime,
    InProcessYarpLauncher yarpLauncher,
    ILogger<RuntimeSelector> logger)
{
    public async Task<RuntimeSelection> SelectAsync(IEnumerable<IResource> resources, CancellationToken cancellationToken)
    {
        var resourceList = resources.ToList();
        if (options.Runtime != RuntimeKind.Process)
        {
            var whyNot = await engine.ProbeAsync(cancellationToken).ConfigureAwait(false);
            if (whyNot is null)
            {
                logger.LogInformation("Container engine at {Endpoint}: running container resources as containers (host network)", engine.Endpoint);
                // The state directory's lock is held by now, so what carries this AppHost's label is a previous run's.
                await containerRuntime.RemoveLeftoverContainersAsync(cancellationToken).ConfigureAwait(false);
                return new RuntimeSelection(
                    r => InProcessYarpLauncher.CanRun(r) ? yarpLauncher : ContainerRuntime.CanRun(r) ? containerRuntime : ProcessRuntime.CanRun(r) ? processRuntime : null,
                    r => $"'{r.Name}' has neither a container image nor a native recipe.",
                    "container");
            }

            if (options.Runtime == RuntimeKind.Container)
            {
                throw new DistributedApplicationException(
                    $"--runtime container needs a container engine, and none answers at {engine.Endpoint} ({whyNot}). " +
                    $"Start Docker (or point DOCKER_HOST at a running engine; without it the socket is {ContainerEngine.DefaultEndpoint}), " +
                    "or use --runtime process to run everything as native processes.");
            }

            logger.LogInformation("No container engine at {Endpoint} ({Reason}): using the process runtime", engine.Endpoint, whyNot);
        }

        logger.LogDebug("Running {Count} resources with the process runtime", resourceList.Count);
        return new RuntimeSelection(
            r => InProcessYarpLauncher.CanRun(r) ? yarpLauncher : ProcessRuntime.CanRun(r) ? processRuntime : null,
            r => r.TryGetLastAnnotation<ContainerOnlyAnnotation>(out var only) ? only.Reason : $"'{r.Name}' has no native recipe and no container engine is in use.",
            "process");
    }
}
