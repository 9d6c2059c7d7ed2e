namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The built files of <see cref="Source"/> (its <see cref="ContainerFilesSourceAnnotation"/> paths) copied into this
/// resource's image at <see cref="DestinationPath"/>; relative paths are under the image's working directory.
/// </summary>
public sealed class ContainerFilesDestinationAnnotation : IResourceAnnotation
{
    public required IResource Source { get; init; }

    public required string DestinationPath { get; init; }
}
