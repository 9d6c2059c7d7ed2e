using Nuzantara.Hosting.ApplicationModel;

namespace Nuzantara.Hosting.Orchestration.Container;

/// <summary>Where the container runtime writes a resource's <see cref="ContainerFileAnnotation"/> files on the host.</summary>
public static class ContainerFiles
{
    /// <summary><c>&lt;StateDirectory&gt;/&lt;resource&gt;/container-files/&lt;target without its leading '/'&gt;</c>, so two targets never share a file.</summary>
    public static string HostPath(HostingOptions options, IResource resource, ContainerFileAnnotation file) =>
        Path.Combine(options.StateDirectory, resource.Name, "container-files", file.Target.TrimStart('/'));

    /// <summary>Renders and writes every container file of <paramref name="resource"/> (mode 0644: the container's user may be anyone).</summary>
    public static async Task WriteAsync(IResource resource, HostingOptions options, IServiceProvider services, CancellationToken cancellationToken)
    {
        foreach (var file in resource.OfAnnotation<ContainerFileAnnotation>())
        {
            var content = await file.Content(new ContainerFileContext(resource, services, cancellationToken)).ConfigureAwait(false);
            var path = HostPath(options, resource, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // Rewritten in place: a running container that mounts the file sees the new content.
            await using var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            });
            await using var writer = new StreamWriter(stream);
            await writer.WriteAsync(content.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }
}
