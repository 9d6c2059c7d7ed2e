namespace Nuzantara.Hosting.ApplicationModel;

/// <summary>
/// A file the container runtime generates at every start (a configuration rendered from the model) and mounts
/// read-only at <see cref="Target"/> inside the container. It is written under
/// <c>&lt;StateDirectory&gt;/&lt;resource&gt;/container-files/</c>, readable by every user because the image's user is
/// unknown, unless it <see cref="IsSecret"/>. The process runtime ignores it; a native recipe writes its own files in
/// <see cref="NativeRecipeAnnotation.Prepare"/>. Publishing ships a file's content, but never a secret one's: a deployment
/// fills those from its own secret store.
/// </summary>
public sealed class ContainerFileAnnotation(string target, Func<ContainerFileContext, Task<string>> content) : IResourceAnnotation
{
    /// <summary>Absolute path of the file inside the container.</summary>
    public string Target { get; } = target.StartsWith('/')
        ? target
        : throw new ArgumentException($"A container file's target must be an absolute path inside the container, not '{target}'.", nameof(target));

    /// <summary>
    /// Written 0600 and owned by the AppHost's user, and the container runs as that user (uid:gid) so that it alone can
    /// read it. Empty content leaves an empty file: the target always exists, whether or not it is configured.
    /// </summary>
    public bool IsSecret { get; init; }

    /// <summary>Produces the file's content; called once the application's endpoints are allocated.</summary>
    public Func<ContainerFileContext, Task<string>> Content { get; } = content;
}
