namespace Nuzantara.Hosting.ApplicationModel;

/// <summary>
/// Container arguments computed at launch, once endpoints are allocated (a listen address, an external URL), appended
/// after <see cref="ContainerEntrypointAnnotation.Args"/>. Unlike <c>WithArgs</c> they do not reach the native
/// process, whose recipe has arguments of its own.
/// </summary>
public sealed class ContainerArgsAnnotation(Func<IEnumerable<string>> args) : IResourceAnnotation
{
    public Func<IEnumerable<string>> Args { get; } = args;
}
