namespace Nuzantara.Hosting.Publishing;

/// <summary>Something mounted into a published container at <see cref="Target"/>.</summary>
internal abstract record DeployedMount(string Target, bool IsReadOnly);

/// <summary>A path of the machine the container runs on (<c>/</c>, <c>/sys</c>): host-level exporters observe the host itself.</summary>
internal sealed record HostPathMount(string HostPath, string Target, bool IsReadOnly) : DeployedMount(Target, IsReadOnly);

/// <summary>
/// Configuration shipped with the published output: a copy of a file or folder of the application, or a file generated
/// from the model. <see cref="OutputPath"/> is relative to the output folder, with '/' separators.
/// </summary>
internal sealed record FilesMount(string OutputPath, bool IsDirectory, IReadOnlyList<PublishedFile> Files, string Target, bool IsReadOnly)
    : DeployedMount(Target, IsReadOnly);

/// <summary>
/// A secret file the deployment provides from its own secret store (a Compose secret, a Kubernetes Secret): publishing
/// names it, <see cref="Name"/>, and never writes its value.
/// </summary>
internal sealed record SecretFileMount(string Name, string Target) : DeployedMount(Target, IsReadOnly: true)
{
    /// <summary>Where the output expects the file (Compose reads it there; the manifest bind-mounts it from there).</summary>
    public string OutputPath => $"secrets/{Name}";
}

/// <summary>Data that outlives the container; an anonymous volume (no <see cref="VolumeName"/>) lasts as long as the container.</summary>
internal sealed record VolumeMount(string? VolumeName, string Target, bool IsReadOnly) : DeployedMount(Target, IsReadOnly)
{
    /// <summary>
    /// Added by a publisher's convention, not declared by the model (PostgreSQL's data): Compose and Kubernetes keep it,
    /// the manifest, which states the model as Aspire's does, leaves it out.
    /// </summary>
    public bool IsImplied { get; init; }
}

/// <summary>A text file of the output; <see cref="OutputPath"/> is relative to the output folder, with '/' separators.</summary>
internal sealed record PublishedFile(string OutputPath, string Content);
