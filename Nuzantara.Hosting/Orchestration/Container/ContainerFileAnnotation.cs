namespace Nuzantara.Hosting.ApplicationModel;

/// <summary>
/// A file the container runtime generates at every start (a configuration rendered from the model) and mounts
/// read-only at <see cref="Target"/> inside the container. It is written under
/// <c>&lt;StateDirectory&gt;/&lt;resource&gt;/container-files/</c>, readable by every user because the image's user is
/// unknown: pass secrets by environment, not through such a file. The process runtime ignores it; a native recipe
/// writes its own files in <see cref="NativeRecipeAnnotation.Prepare"/>.
/// </summary>
public sealed class ContainerFileAnnotation(string target, Func<ContainerFileContext, Task<string>> content) : IResourceAnnotation
{
    /// <summary>Absolute path of the file inside the container.</summary>
    public string Target { get; } = target.StartsWith('/')
        ? target
        : throw new ArgumentException($"A container file's target must be an absolute path inside the container, not '{target}'.", nameof(target));

    /// <summary>Produces the file's content; called once the application's endpoints are allocated.</summary>
    public Func<ContainerFileContext, Task<string>> Content { get; } = content;
}
