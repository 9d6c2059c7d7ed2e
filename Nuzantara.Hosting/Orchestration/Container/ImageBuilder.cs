using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Nuzantara.Hosting.Orchestration.Container;

/// <summary>
/// Builds the image of a resource from its Dockerfile (AddDockerfile, WithDockerfileFactory) in the engine, before each
/// start: the engine's layer cache makes an unchanged build quick, and a changed Dockerfile or context is never run
/// stale. The context folder is sent whole (no .dockerignore); a Dockerfile outside it (one written by code) is sent
/// with it under a name of its own, as <c>docker build -f</c> does.
/// </summary>
internal static class ImageBuilder
{
    private const string OutsideDockerfileName = ".nuzantara.Dockerfile";

    public static async Task BuildAsync(IDockerClient docker, IResource resource, DockerfileBuildAnnotation build, string tag, ResourceLoggerService logs, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(build.ContextPath) || !File.Exists(build.DockerfilePath))
        {
            throw new DistributedApplicationException(
                $"'{resource.Name}' is built from {build.DockerfilePath} with the context {build.ContextPath}: the context must be a folder and the Dockerfile a file.");
        }

        var dockerfile = Path.GetRelativePath(build.ContextPath, build.DockerfilePath);
        var outside = dockerfile.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(dockerfile);
        if (outside)
        {
            dockerfile = OutsideDockerfileName;
        }

        if (build.BuildSecrets.Count > 0)
        {
            // The engine's build API passes secrets only over a BuildKit session, which this runtime does not open.
            logs.Write(resource.Name, $"[nuzantara] build secrets ({string.Join(", ", build.BuildSecrets.Keys)}) are not passed to a build in the engine: " +
                "a RUN --mount=type=secret step sees none (they are published for the deployment's build)", isError: true);
        }

        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in build.BuildArguments)
        {
            // No value: the variable of the environment the build runs in, as `docker build --build-arg NAME` does.
            var resolved = value switch
            {
                null => Environment.GetEnvironmentVariable(name),
                IValueProvider provider => await provider.GetValueAsync(cancellationToken).ConfigureAwait(false),
                _ => value.ToString(),
            };
            if (resolved is not null)
            {
                arguments[name] = resolved;
            }
        }

        logs.Write(resource.Name, $"[nuzantara] building {tag} from {build.DockerfilePath}", isError: false);
        using var context = new MemoryStream();
        await WriteContextAsync(context, build.ContextPath, outside ? build.DockerfilePath : null, cancellationToken).ConfigureAwait(false);
        context.Position = 0;

        string? error = null;
        var progress = new BuildProgress(message =>
        {
            if (message.Error?.Message is { Length: > 0 } failure)
            {
                error = failure;
            }
            else if (message.Stream?.TrimEnd() is { Length: > 0 } line)
            {
                logs.Write(resource.Name, line, isError: false);
            }
        });
        var parameters = new ImageBuildParameters
        {
            Dockerfile = dockerfile.Replace(Path.DirectorySeparatorChar, '/'),
            Tags = [tag],
            Target = build.Stage,
            BuildArgs = arguments,
            Remove = true,
            ForceRemove = true,
        };
        try
        {
            await docker.Images.BuildImageFromDockerfileAsync(parameters, context, [], new Dictionary<string, string>(), progress, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException ex)
        {
            error = string.IsNullOrWhiteSpace(ex.ResponseBody) ? ex.Message : ex.ResponseBody.Trim();
        }

        if (error is not null)
        {
            throw new DistributedApplicationException(
                $"Building the image of '{resource.Name}' from {build.DockerfilePath} failed: {error}. Fix the Dockerfile (its output is in the resource's log); " +
                "without a registry its FROM images must already be in the engine (images/build.sh builds Debian's).");
        }
    }

    /// <summary>The context folder as a tar, folders named with a trailing slash; <paramref name="outsideDockerfile"/> added as <see cref="OutsideDockerfileName"/>.</summary>
    private static async Task WriteContextAsync(Stream tar, string contextPath, string? outsideDockerfile, CancellationToken cancellationToken)
    {
        var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(contextPath, "*", SearchOption.AllDirectories))
            {
                var name = Path.GetRelativePath(contextPath, entry).Replace(Path.DirectorySeparatorChar, '/');
                var attributes = File.GetAttributes(entry);
                var isFolder = attributes.HasFlag(FileAttributes.Directory) && !attributes.HasFlag(FileAttributes.ReparsePoint);
                await writer.WriteEntryAsync(entry, isFolder ? name + "/" : name, cancellationToken).ConfigureAwait(false);
            }

            if (outsideDockerfile is not null)
            {
                await writer.WriteEntryAsync(outsideDockerfile, OutsideDockerfileName, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reports on the reading thread, in order.</summary>
    private sealed class BuildProgress(Action<JSONMessage> report) : IProgress<JSONMessage>
    {
        public void Report(JSONMessage value) => report(value);
    }
}
