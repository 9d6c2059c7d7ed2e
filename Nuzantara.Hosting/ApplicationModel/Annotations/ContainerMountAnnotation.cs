namespace Aspire.Hosting.ApplicationModel;

public enum ContainerMountType
{
    /// <summary>A file or folder of the host (a config file, a data folder).</summary>
    BindMount,

    /// <summary>A named volume managed by the runtime; the process runtime keeps it under the state directory.</summary>
    Volume,
}

public sealed class ContainerMountAnnotation(string? source, string target, ContainerMountType type, bool isReadOnly) : IResourceAnnotation
{
    public string? Source { get; } = source;

    public string Target { get; } = target;

    public ContainerMountType Type { get; } = type;

    public bool IsReadOnly { get; } = isReadOnly;
}
