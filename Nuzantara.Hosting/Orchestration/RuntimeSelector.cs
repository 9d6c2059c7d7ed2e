using Microsoft.Extensions.Logging;
using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Orchestration.Process;

namespace Nuzantara.Hosting.Orchestration;

/// <summary>Which launcher runs each resource, and why a resource that none can run stays NotStarted.</summary>
public sealed class RuntimeSelection(Func<IResource, IResourceLauncher?> launcher, Func<IResource, string> whyNotRunnable, string runtimeName)
{
    public string RuntimeName { get; } = runtimeName;

    public IResourceLauncher? Launcher(IResource resource) => launcher(resource);

    public string WhyNotRunnable(IResource resource) => whyNotRunnable(resource);
}

/// <summary>
/// <c>--runtime process|container|auto</c>: projects and executables always run as processes; container resources run
/// in a container engine when one is chosen, otherwise through their native recipe.
/// </summary>
public sealed class RuntimeSelector(HostingOptions options, ProcessRuntime processRuntime, ILogger<RuntimeSelector> logger)
{
    public Task<RuntimeSelection> SelectAsync(IEnumerable<IResource> resources, CancellationToken cancellationToken)
    {
        if (options.Runtime == RuntimeKind.Container)
        {
            throw new DistributedApplicationException("--runtime container is not available in this build: use --runtime process (the default when no engine answers).");
        }

        logger.LogDebug("Running {Count} resources with the process runtime", resources.Count());
        return Task.FromResult(new RuntimeSelection(
            r => ProcessRuntime.CanRun(r) ? processRuntime : null,
            r => r.TryGetLastAnnotation<ContainerOnlyAnnotation>(out var only) ? only.Reason : $"'{r.Name}' has no native recipe and no container engine is in use.",
            "process"));
    }
}
