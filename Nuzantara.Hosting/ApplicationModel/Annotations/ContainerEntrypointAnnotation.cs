namespace Aspire.Hosting.ApplicationModel;

/// <summary>The entrypoint and arguments a container runs with; the native recipe has its own.</summary>
public sealed class ContainerEntrypointAnnotation(string? entrypoint, IReadOnlyList<string> args) : IResourceAnnotation
{
    public string? Entrypoint { get; } = entrypoint;

    public IReadOnlyList<string> Args { get; } = args;
}
