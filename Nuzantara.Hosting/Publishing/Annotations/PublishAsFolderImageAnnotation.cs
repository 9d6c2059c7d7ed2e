namespace Nuzantara.Hosting.Publishing;

/// <summary>
/// The executable is always published as the image of its working directory's Dockerfile (generated where there is none),
/// as if PublishAsDockerFile had been called: what it runs with on this machine (Debian's interpreter and packages) is
/// this machine's.
/// </summary>
internal sealed class PublishAsFolderImageAnnotation : IResourceAnnotation;
