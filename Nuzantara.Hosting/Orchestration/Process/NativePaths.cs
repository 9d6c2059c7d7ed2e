using Nuzantara.Hosting.ApplicationModel;

namespace Nuzantara.Hosting.Orchestration.Process;

/// <summary>Files that native recipes keep under the state directory.</summary>
public static class NativePaths
{
    /// <summary>A named volume's folder: <c>&lt;state&gt;/volumes/&lt;name&gt;</c>, shared by every resource that mounts it.</summary>
    public static string Volume(NativeLaunchContext context, ContainerMountAnnotation volume)
    {
        var path = Path.Combine(Path.GetDirectoryName(context.StateDirectory)!, "volumes", volume.Source ?? $"{context.Resource.Name}-data");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Writes a file only its owner can read (0600), owned by <paramref name="owner"/> when given.</summary>
    public static async Task WriteSecretFileAsync(string path, string contents, CancellationToken cancellationToken, string? owner = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        await using (var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(contents.AsMemory(), cancellationToken);
        }

        if (owner is not null)
        {
            await CommandRunner.RunCheckedAsync("chown", [owner, path], cancellationToken);
        }
    }
}
