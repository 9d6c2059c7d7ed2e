using Nuzantara.Hosting.ApplicationModel;

namespace Nuzantara.Hosting.Orchestration.Container;

/// <summary>Where the container runtime writes a resource's <see cref="ContainerFileAnnotation"/> files on the host.</summary>
internal static class ContainerFiles
{
    /// <summary>
    /// <c>&lt;StateDirectory&gt;/&lt;resource&gt;/container-files/&lt;target without its leading '/'&gt;</c>, so two targets
    /// never share a file; secret files under <c>container-secrets/</c>, a folder only the AppHost's user enters.
    /// </summary>
    public static string HostPath(HostingOptions options, IResource resource, ContainerFileAnnotation file) =>
        Path.Combine(options.StateDirectory, resource.Name, file.IsSecret ? SecretsFolder : "container-files", file.Target.TrimStart('/'));

    /// <summary>Whether the container must run as the AppHost's user, the one user that can read its secret files.</summary>
    public static bool HasSecrets(IResource resource) => resource.OfAnnotation<ContainerFileAnnotation>().Any(f => f.IsSecret);

    private const string SecretsFolder = "container-secrets";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Renders and writes every container file of <paramref name="resource"/> (0644, since the container's user may be anyone; secret ones 0600).</summary>
    public static async Task WriteAsync(IResource resource, HostingOptions options, IServiceProvider services, CancellationToken cancellationToken)
    {
        foreach (var file in resource.OfAnnotation<ContainerFileAnnotation>())
        {
            var content = await file.Content(new ContainerFileContext(resource, services, cancellationToken)).ConfigureAwait(false);
            var path = HostPath(options, resource, file);
            if (file.IsSecret)
            {
                Directory.CreateDirectory(Path.Combine(options.StateDirectory, resource.Name, SecretsFolder), OwnerOnly | UnixFileMode.UserExecute);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // Rewritten in place: a running container that mounts the file sees the new content.
            var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                UnixCreateMode = file.IsSecret ? OwnerOnly : OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            });
            await using (stream.ConfigureAwait(false))
            {
                // A file made before it was secret keeps its mode when rewritten in place.
                File.SetUnixFileMode(stream.SafeFileHandle, file.IsSecret ? OwnerOnly : OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                var writer = new StreamWriter(stream);
                await using (writer.ConfigureAwait(false))
                {
                    await writer.WriteAsync(content.AsMemory(), cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
