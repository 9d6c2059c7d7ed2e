using Docker.DotNet.Models;
using Nuzantara.Hosting.ApplicationModel;

namespace Nuzantara.Hosting.Orchestration.Container;

/// <summary>
/// Turns a container resource and its resolved launch spec into the engine's create-container request. Pure: it reads
/// the model (allocated endpoints included) and writes nothing.
/// <para>
/// Containers use the host's network (<c>NetworkMode=host</c>, Linux engines): every endpoint is
/// <c>127.0.0.1:&lt;port&gt;</c> exactly as under the process runtime, so environment variables, connection strings,
/// health checks and Prometheus targets are the same in both runtimes, and services bound to 127.0.0.1 on the host
/// are reachable from containers, all on loopback. A container cannot be remapped there, so it is told where to listen
/// (<see cref="ContainerArgsAnnotation.ListensOnAllocatedPorts"/>), or else keeps its image's port (see <see cref="PortAllocator"/>).
/// </para>
/// </summary>
internal static class ContainerSpecBuilder
{
    public static CreateContainerParameters Build(IResource resource, LaunchSpec spec, HostingOptions options, string appHostId)
    {
        // A resource built from a Dockerfile of its own runs that build (see ResourceExtensions.TryGetContainerImageName).
        if (!resource.TryGetContainerImageName(out var image))
        {
            throw new DistributedApplicationException($"Resource '{resource.Name}' has no container image: call WithImage, or give it a native recipe and use --runtime process.");
        }

        var (entrypoint, entrypointArguments) = ResourceConfiguration.ContainerCommand(resource);
        List<string> cmd = [.. entrypointArguments, .. resource.OfAnnotation<ContainerArgsAnnotation>().SelectMany(a => a.Args()), .. spec.Args];
        var mounts = resource.OfAnnotation<ContainerMountAnnotation>().ToList();

        return new CreateContainerParameters
        {
            Name = ContainerNames.Container(appHostId, resource),
            Image = image,
            Entrypoint = entrypoint is null ? null : [entrypoint],
            // Without arguments of our own the image's CMD applies.
            Cmd = cmd.Count > 0 ? cmd : null,
            Env = [.. spec.Environment.Select(e => $"{e.Key}={e.Value}")],
            // The AppHost's own user owns the secret files (0600): only a container running as it can read them.
            User = ContainerFiles.HasSecrets(resource) ? $"{Process.NativeMethods.GetEffectiveUserId()}:{Process.NativeMethods.GetEffectiveGroupId()}" : null,
            Labels = new Dictionary<string, string>
            {
                [ContainerNames.ResourceLabel] = resource.Name,
                [ContainerNames.AppHostLabel] = appHostId,
                [ContainerNames.StateDirectoryLabel] = ContainerNames.StateDirectory(options),
            },
            HostConfig = new HostConfig
            {
                NetworkMode = "host",
                Binds =
                [
                    .. mounts.Where(m => m.Type == ContainerMountType.BindMount).Select(m => Bind(m.Source!, m.Target, m.IsReadOnly)),
                    .. resource.OfAnnotation<ContainerFileAnnotation>().Select(f => Bind(ContainerFiles.HostPath(options, resource, f), f.Target, isReadOnly: true)),
                ],
                Mounts =
                [
                    .. mounts.Where(m => m.Type == ContainerMountType.Volume).Select(m => new Mount
                    {
                        Type = "volume",
                        // None for an anonymous volume: the engine creates one with the container.
                        Source = ContainerNames.Volume(appHostId, m),
                        Target = m.Target,
                        ReadOnly = m.IsReadOnly,
                    }),
                    // PostgreSQL's data outlives the container as it outlives the native process and the published
                    // deployments; an anonymous volume would go with every restart.
                    .. Publishing.ImpliedVolumeAnnotation.For(resource) is { } implied
                        ? [new Mount { Type = "volume", Source = ContainerNames.Volume(appHostId, implied.VolumeName!), Target = implied.Target }]
                        : Array.Empty<Mount>(),
                ],
                // The resource runner restarts what dies, with backoff and state; the engine must not race it.
                RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.No },
            },
        };
    }

    private static string Bind(string source, string target, bool isReadOnly) => isReadOnly ? $"{source}:{target}:ro" : $"{source}:{target}";
}
