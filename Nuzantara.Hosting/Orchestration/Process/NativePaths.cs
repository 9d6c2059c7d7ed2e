using Nuzantara.Hosting.ApplicationModel;

namespace Nuzantara.Hosting.Orchestration.Process;

/// <summary>Files that native recipes keep under the state directory.</summary>
internal static class NativePaths
{
    /// <summary>
    /// The folder a mount stands for natively: a bind mount's source; a named volume's <c>&lt;state&gt;/volumes/&lt;name&gt;</c>,
    /// shared by every resource that mounts it; an anonymous volume's folder under the resource's state (see
    /// <see cref="ClearAnonymousVolumes"/>).
    /// </summary>
    public static string DataDirectory(NativeLaunchContext context, ContainerMountAnnotation mount)
    {
        string path;
        if (mount.Type == ContainerMountType.BindMount)
        {
            path = mount.Source!;
        }
        else if (mount.Source is { } name)
        {
            var volumes = Path.Combine(Path.GetDirectoryName(context.StateDirectory)!, "volumes");
            path = Path.Combine(volumes, name);
            // WithDataVolume() named its volume <resource>-data before it named it as Aspire does: the data moves along.
            var previous = Path.Combine(volumes, $"{context.Resource.Name}-data");
            if (name.EndsWith($"-{context.Resource.Name}-data", StringComparison.Ordinal) && !Directory.Exists(path) && Directory.Exists(previous))
            {
                Directory.Move(previous, path);
            }
        }
        else
        {
            path = Path.Combine(context.StateDirectory, AnonymousVolumes, mount.Target.Trim('/').Replace('/', '_'));
        }

        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Empties the resource's anonymous volumes before a start: a container's are new with every container.</summary>
    public static void ClearAnonymousVolumes(NativeLaunchContext context)
    {
        var path = Path.Combine(context.StateDirectory, AnonymousVolumes);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private const string AnonymousVolumes = "anonymous-volumes";

    /// <summary>Writes a file only its owner can read (0600), owned by <paramref name="owner"/> when given.</summary>
    public static async Task WriteSecretFileAsync(string path, string contents, CancellationToken cancellationToken, string? owner = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        await using (stream.ConfigureAwait(false))
        {
            var writer = new StreamWriter(stream);
            await using (writer.ConfigureAwait(false))
            {
                await writer.WriteAsync(contents.AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }

        if (owner is not null)
        {
            await CommandRunner.RunCheckedAsync("chown", [owner, path], cancellationToken).ConfigureAwait(false);
        }
    }
}
