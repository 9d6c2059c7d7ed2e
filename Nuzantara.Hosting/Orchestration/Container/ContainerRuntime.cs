using System.Net.Sockets;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Nuzantara.Hosting.ApplicationModel;

namespace Nuzantara.Hosting.Orchestration.Container;

/// <summary>
/// Runs container resources in a Docker-API engine on this machine, on the host's network (see
/// <see cref="ContainerSpecBuilder"/>): pulls the image when absent (builds it, for AddDockerfile), writes the resource's generated files, replaces a
/// stale container of the same name (reuses it, for a persistent container of unchanged configuration), then creates
/// and starts the container and follows its output. Projects and
/// executables are never run here; they stay native processes.
/// </summary>
internal sealed class ContainerRuntime(
    HostingOptions options,
    ContainerEngine engine,
    ResourceLoggerService logs,
    IServiceProvider services,
    ILogger<ContainerRuntime> logger) : IResourceLauncher
{
    /// <summary>This AppHost's id in container, volume and label names (<see cref="ContainerNames.AppHostId"/>).</summary>
    public string AppHostId { get; } = ContainerNames.AppHostId(options);

    /// <summary>A container resource with an image; anything else is not ours to run.</summary>
    public static bool CanRun(IResource resource) => resource is ContainerResource && resource.OfAnnotation<ContainerImageAnnotation>().Any();

    public async Task<IRunningResource> LaunchAsync(IResource resource, LaunchSpec spec, CancellationToken cancellationToken)
    {
        var parameters = ContainerSpecBuilder.Build(resource, spec, options, AppHostId);
        try
        {
            await ContainerFiles.WriteAsync(resource, options, services, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DistributedApplicationException($"Writing the generated files of '{resource.Name}' under {options.StateDirectory} failed: {ex.Message}", ex);
        }

        var docker = engine.Client;
        string? containerId = null;
        try
        {
            // The image first: without it nothing else matters, and its absence is what the user must hear about.
            var imageId = await EnsureImageAsync(docker, resource, cancellationToken).ConfigureAwait(false);
            EnsureBindMountSourcesExist(resource);
            var persistent = resource.IsPersistent();
            if (persistent)
            {
                parameters.Labels[ContainerNames.LifetimeLabel] = ContainerNames.PersistentLifetime;
                parameters.Labels[ContainerNames.ConfigurationHashLabel] = ContainerConfigurationHash.Compute(parameters, imageId);
                if (await ReuseAsync(docker, resource, parameters, cancellationToken).ConfigureAwait(false) is { } reused)
                {
                    return reused;
                }
            }

            await RemoveIfPresentAsync(docker, parameters.Name, cancellationToken).ConfigureAwait(false);

            var created = await docker.Containers.CreateContainerAsync(parameters, cancellationToken).ConfigureAwait(false);
            containerId = created.ID;
            foreach (var warning in created.Warnings ?? [])
            {
                logs.Write(resource.Name, $"[nuzantara] engine warning: {warning}", isError: true);
            }

            await docker.Containers.StartContainerAsync(containerId, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
            logger.LogDebug("Started {Resource} as container {Container} ({Image})", resource.Name, parameters.Name, parameters.Image);
            return new RunningContainer(docker, containerId, resource.Name, persistent, logs, logger);
        }
        catch (Exception ex)
        {
            if (containerId is not null)
            {
                // Created but not handed to the runner (start failed, or a stop arrived): nobody else would remove it.
                try
                {
                    await RemoveIfPresentAsync(docker, containerId, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception removal) when (removal is not OperationCanceledException)
                {
                    logger.LogWarning(removal, "Removing the unstarted container of {Resource} failed; the next start removes it", resource.Name);
                }
            }

            if (ex is OperationCanceledException or DistributedApplicationException)
            {
                throw;
            }

            // The runner turns DistributedApplicationException into FailedToStart; anything else would leave the resource Starting.
            throw ex switch
            {
                DockerApiException api => new DistributedApplicationException(
                    $"The container engine refused to run '{resource.Name}' ({parameters.Image}): {EngineMessage(api)}", ex),
                HttpRequestException or IOException or SocketException or TimeoutException => new DistributedApplicationException(
                    $"Lost the container engine at {engine.Endpoint} while starting '{resource.Name}': {ex.Message}", ex),
                _ => new DistributedApplicationException($"Starting '{resource.Name}' as a container failed: {ex.Message}", ex),
            };
        }
    }

    /// <summary>
    /// The persistent container a previous run left under this name, started if it had stopped, when it was created
    /// with the same configuration, or not by an AppHost at all (as Aspire, a container one made oneself is used as it
    /// is). Null when there is none, or when its configuration changed: the caller then re-creates it.
    /// </summary>
    private async Task<RunningContainer?> ReuseAsync(IDockerClient docker, IResource resource, CreateContainerParameters parameters, CancellationToken cancellationToken)
    {
        ContainerInspectResponse existing;
        try
        {
            existing = await docker.Containers.InspectContainerAsync(parameters.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }

        var labels = existing.Config?.Labels ?? new Dictionary<string, string>();
        var hash = parameters.Labels[ContainerNames.ConfigurationHashLabel];
        if (labels.ContainsKey(ContainerNames.AppHostLabel) && (!labels.TryGetValue(ContainerNames.ConfigurationHashLabel, out var previous) || previous != hash))
        {
            logs.Write(resource.Name, $"[nuzantara] the configuration of persistent container {parameters.Name} changed: re-creating it", isError: false);
            logger.LogInformation("Re-creating persistent container {Container} of {Resource}: its configuration changed", parameters.Name, resource.Name);
            return null;
        }

        if (existing.State?.Running != true)
        {
            await docker.Containers.StartContainerAsync(existing.ID, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
        }

        logs.Write(resource.Name, $"[nuzantara] reusing persistent container {parameters.Name} ({existing.ID[..12]})", isError: false);
        logger.LogInformation("Reusing persistent container {Container} of {Resource}", parameters.Name, resource.Name);
        return new RunningContainer(docker, existing.ID, resource.Name, isPersistent: true, logs, logger);
    }

    /// <summary>
    /// Removes every container a previous run of this AppHost left (found by the <c>nuzantara.apphost</c> label): the
    /// container equivalent of reaping orphaned processes. Called when the container runtime is selected, after the
    /// state directory's lock is held, so nothing of a live AppHost is touched. Named volumes and persistent containers are kept.
    /// </summary>
    public async Task RemoveLeftoverContainersAsync(CancellationToken cancellationToken)
    {
        var docker = engine.Client;
        try
        {
            var leftovers = await docker.Containers.ListContainersAsync(new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = new Dictionary<string, bool> { [$"{ContainerNames.AppHostLabel}={AppHostId}"] = true },
                },
            }, cancellationToken).ConfigureAwait(false);

            // Persistent containers were left on purpose, for this run to reuse.
            foreach (var leftover in leftovers.Where(c => !(c.Labels is { } labels && labels.TryGetValue(ContainerNames.LifetimeLabel, out var lifetime) && lifetime == ContainerNames.PersistentLifetime)))
            {
                var resource = leftover.Labels is { } labels && labels.TryGetValue(ContainerNames.ResourceLabel, out var name) ? name : "?";
                logger.LogWarning("Removing container {Container} of {Resource} ({State}), left by an AppHost that did not stop cleanly",
                    leftover.Names?.FirstOrDefault()?.TrimStart('/') ?? leftover.ID, resource, leftover.State);
                await RemoveIfPresentAsync(docker, leftover.ID, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Each launch still replaces the container of its own name; only leftovers of removed resources would stay.
            logger.LogWarning(ex, "Could not remove the containers a previous run of this AppHost left");
        }
    }

    /// <summary>Builds, finds or pulls the resource's image; returns its id.</summary>
    private async Task<string> EnsureImageAsync(IDockerClient docker, IResource resource, CancellationToken cancellationToken)
    {
        var image = resource.OfAnnotation<ContainerImageAnnotation>().Last();
        if (resource.TryGetLastAnnotation<DockerfileBuildAnnotation>(out var build))
        {
            // A Dockerfile written by code is written now, when the build needs it.
            await build.MaterializeDockerfileAsync(new DockerfileFactoryContext { Services = services, Resource = resource, CancellationToken = cancellationToken }, cancellationToken)
                .ConfigureAwait(false);
            resource.TryGetContainerImageName(out var tag);
            await ImageBuilder.BuildAsync(docker, resource, build, tag!, logs, cancellationToken).ConfigureAwait(false);
            return (await docker.Images.InspectImageAsync(tag, cancellationToken).ConfigureAwait(false)).ID;
        }

        try
        {
            return (await docker.Images.InspectImageAsync(image.FullName, cancellationToken).ConfigureAwait(false)).ID;
        }
        catch (DockerImageNotFoundException)
        {
        }

        logs.Write(resource.Name, $"[nuzantara] pulling {image.FullName}", isError: false);
        string? error = null;
        var progress = new PullProgress(message =>
        {
            if (message.Error?.Message is { Length: > 0 } failure)
            {
                error = failure;
            }
            else if (message.ErrorMessage is { Length: > 0 } failureMessage)
            {
                error = failureMessage;
            }
            else if (message.Status is { Length: > 0 } status && message.Progress is null)
            {
                // Status changes only ("Pulling fs layer", "Pull complete"); byte counts would flood the log.
                logs.Write(resource.Name, string.IsNullOrEmpty(message.ID) ? status : $"{message.ID}: {status}", isError: false);
            }
        });

        var repository = image.Registry is null ? image.Image : $"{image.Registry}/{image.Image}";
        try
        {
            await docker.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = repository, Tag = image.Tag }, null, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException ex)
        {
            // The engine refuses a pull it cannot even begin (no route to the registry, an unknown repository) outright.
            error = EngineMessage(ex);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (error is not null)
        {
            throw new DistributedApplicationException($"The image {image.FullName} of '{resource.Name}' is not in the engine, and pulling it failed: {error}. {MissingImageFixFor(resource, image)}");
        }

        try
        {
            return (await docker.Images.InspectImageAsync(image.FullName, cancellationToken).ConfigureAwait(false)).ID;
        }
        catch (DockerImageNotFoundException)
        {
            throw new DistributedApplicationException($"Pulling {image.FullName} for '{resource.Name}' ended without the image: check the image name and tag. {MissingImageFixFor(resource, image)}");
        }
    }

    /// <summary>What to do where no registry is reachable (docs/containers.md).</summary>
    private const string MissingImageFix =
        "Without a registry, build the infrastructure images from Debian's packages with images/build.sh (it tags them under the upstream names; " +
        "all but cAdvisor's, which Debian does not package), or `docker load` the image, or use --runtime process.";

    private static string MissingImageFixFor(IResource resource, ContainerImageAnnotation image) =>
        resource.TryGetLastAnnotation<ContainerOnlyAnnotation>(out var only) && only.HasNoDebianImage ? NoDebianImageFix(image) : MissingImageFix;

    /// <summary>What to do for an image that images/build.sh cannot make: the same words in either runtime.</summary>
    internal static string NoDebianImageFix(ContainerImageAnnotation image) =>
        $"Without a registry, `docker load` {image.FullName} into the engine (docker save it where a registry is reachable); " +
        "images/build.sh cannot build it from Debian's packages.";

    /// <summary>The engine would create a missing source as an empty root-owned folder, where a file was meant.</summary>
    private static void EnsureBindMountSourcesExist(IResource resource)
    {
        foreach (var source in resource.OfAnnotation<ContainerMountAnnotation>().Where(m => m.Type == ContainerMountType.BindMount).Select(m => m.Source!))
        {
            if (!File.Exists(source) && !Directory.Exists(source))
            {
                throw new DistributedApplicationException($"'{resource.Name}' mounts {source}, which does not exist. Create it, or fix the path given to the AppHost.");
            }
        }
    }

    private static async Task RemoveIfPresentAsync(IDockerClient docker, string nameOrId, CancellationToken cancellationToken)
    {
        try
        {
            await docker.Containers.RemoveContainerAsync(nameOrId, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
        }
    }

    /// <summary>The engine's own words (<c>{"message": "…"}</c>) rather than the client's status line.</summary>
    private static string EngineMessage(DockerApiException ex)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(ex.ResponseBody ?? string.Empty);
            if (document.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text)
            {
                return text;
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return string.IsNullOrWhiteSpace(ex.ResponseBody) ? ex.Message : ex.ResponseBody.Trim();
    }

    /// <summary>Reports on the reading thread, in order (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
    private sealed class PullProgress(Action<JSONMessage> report) : IProgress<JSONMessage>
    {
        public void Report(JSONMessage value) => report(value);
    }
}
