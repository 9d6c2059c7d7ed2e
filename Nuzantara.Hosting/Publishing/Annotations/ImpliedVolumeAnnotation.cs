namespace Nuzantara.Hosting.Publishing;

/// <summary>
/// A volume the resource's container gets even when the model mounts nothing at <see cref="Target"/>, named
/// <c>&lt;resource&gt;-&lt;suffix&gt;</c>: data the process runtime keeps across restarts must outlive a container too.
/// </summary>
internal sealed class ImpliedVolumeAnnotation(string nameSuffix, string target) : IResourceAnnotation
{
    public string NameSuffix { get; } = nameSuffix;

    public string Target { get; } = target;

    /// <summary>The implied volume, or null when the model already mounts something at the target.</summary>
    public static VolumeMount? For(IResource resource) =>
        resource.OfAnnotation<ImpliedVolumeAnnotation>().LastOrDefault() is { } implied && !resource.OfAnnotation<ContainerMountAnnotation>().Any(m => m.Target == implied.Target)
            ? new VolumeMount($"{resource.Name}-{implied.NameSuffix}", implied.Target, IsReadOnly: false) { IsImplied = true }
            : null;
}
