namespace Nuzantara.Hosting.ApplicationModel;

/// <summary>
/// Container arguments computed at launch, once endpoints are allocated (a listen address, an external URL), appended
/// after <see cref="ContainerEntrypointAnnotation.Args"/>. Unlike <c>WithArgs</c> they do not reach the native
/// process, whose recipe has arguments of its own, nor published containers, which listen on their images' ports.
/// </summary>
public sealed class ContainerArgsAnnotation(Func<IEnumerable<string>> args) : IResourceAnnotation
{
    public Func<IEnumerable<string>> Args { get; } = args;

    /// <summary>
    /// The arguments put every endpoint of the resource on its allocated address (<c>--port</c>,
    /// <c>--web.listen-address=127.0.0.1:9090</c>…). Containers run on the host's network, where a container's port cannot
    /// be remapped; such a container can still be given any port (a declared one, a free one in tests), exactly like its
    /// native process. Any other container listens on its image's port (<see cref="EndpointAnnotation.TargetPort"/>), and
    /// that must be the endpoint's port.
    /// </summary>
    public bool ListensOnAllocatedPorts { get; init; }
}
