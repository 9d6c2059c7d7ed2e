using Microsoft.Extensions.Logging;

namespace Nuzantara.Hosting.Publishing.Dockerfiles;

/// <summary>
/// PublishWithContainerFiles in a generated Dockerfile, as Aspire writes it: each source image is a stage
/// (<c>ARG WEB_IMAGENAME=web:latest</c>, <c>FROM ${WEB_IMAGENAME} AS web_stage</c>, overridable at build time), and the
/// app's stage copies the source's built files from it.
/// </summary>
/// <param name="imageOf">The image a resource is published as, or null for one that has none (an executable).</param>
internal sealed class ContainerFilesStages(IResource destination, Func<IResource, string?> imageOf, ILogger logger)
{
    private readonly List<(IResource Source, string Image, string DestinationPath)> _copies = Collect(destination, imageOf, logger);

    private static List<(IResource, string, string)> Collect(IResource destination, Func<IResource, string?> imageOf, ILogger logger)
    {
        var copies = new List<(IResource, string, string)>();
        foreach (var annotation in destination.OfAnnotation<ContainerFilesDestinationAnnotation>())
        {
            if (imageOf(annotation.Source) is { } image)
            {
                copies.Add((annotation.Source, image, annotation.DestinationPath));
            }
            else
            {
                logger.LogWarning("'{Destination}' takes the built files of '{Source}', which is published without an image (left out of publishing?): " +
                    "its generated Dockerfile leaves them out", destination.Name, annotation.Source.Name);
            }
        }

        return copies;
    }

    /// <summary>The source stages, before the app's own.</summary>
    public void WriteStages(DockerfileText dockerfile)
    {
        foreach (var (source, image, _) in _copies)
        {
            dockerfile.Line($"ARG {ImageArgument(source)}={image}").Line($"FROM ${{{ImageArgument(source)}}} AS {StageName(source)}").Blank();
        }
    }

    /// <summary>The copies into the app's stage; a relative destination is under <paramref name="root"/>, the app's folder in the image.</summary>
    public void WriteCopies(DockerfileText dockerfile, string root)
    {
        foreach (var (source, _, destinationPath) in _copies)
        {
            var target = destinationPath.StartsWith('/')
                ? destinationPath
                : $"{root}/{(destinationPath.StartsWith("./", StringComparison.Ordinal) ? destinationPath[2..] : destinationPath)}".TrimEnd('/');
            foreach (var path in source.OfAnnotation<ContainerFilesSourceAnnotation>())
            {
                dockerfile.Line($"COPY --from={StageName(source)} {path.SourcePath} {target}");
            }
        }

        if (_copies.Count > 0)
        {
            dockerfile.Blank();
        }
    }

    // Build arguments and stage names allow no dashes.
    private static string ImageArgument(IResource source) => $"{source.Name.Replace('-', '_').ToUpperInvariant()}_IMAGENAME";

    private static string StageName(IResource source) => $"{source.Name.Replace('-', '_').ToLowerInvariant()}_stage";
}
