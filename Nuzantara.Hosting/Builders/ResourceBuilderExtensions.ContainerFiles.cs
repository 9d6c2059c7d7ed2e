namespace Aspire.Hosting;

public static partial class ResourceBuilderExtensions
{
    /// <summary>
    /// At publish, the image of this resource gets <paramref name="source"/>'s built files at <paramref name="destinationPath"/>
    /// (the manifest's <c>containerFiles</c>). As in Aspire, run mode is unchanged: each app runs from its own folder.
    /// </summary>
    public static IResourceBuilder<T> PublishWithContainerFiles<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithContainerFiles> source,
        string destinationPath) where T : IContainerFilesDestinationResource
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(destinationPath);
        if (!builder.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            return builder;
        }

        // The files come from the source's image: an app run as a process here (a Vite app) is published as its folder's
        // image, as Aspire publishes every JavaScript app, built from its Dockerfile or the one publishing generates.
        if (source.Resource is ExecutableResource app && !app.OfAnnotation<DockerfileBuildAnnotation>().Any())
        {
            app.Annotations.Add(new DockerfileBuildAnnotation(app.WorkingDirectory, Path.Combine(app.WorkingDirectory, "Dockerfile"), stage: null));
        }

        return builder.WithAnnotation(new ContainerFilesDestinationAnnotation { Source = source.Resource, DestinationPath = destinationPath });
    }

    /// <summary>Another path of this resource's built image that destinations copy (a Vite app has <c>/app/dist</c> already).</summary>
    public static IResourceBuilder<T> WithContainerFilesSource<T>(this IResourceBuilder<T> builder, string sourcePath) where T : IResourceWithContainerFiles
    {
        ArgumentNullException.ThrowIfNull(sourcePath);
        return builder.WithAnnotation(new ContainerFilesSourceAnnotation { SourcePath = sourcePath });
    }

    /// <summary>Forgets the source paths, default ones included, before <see cref="WithContainerFilesSource{T}"/> sets others.</summary>
    public static IResourceBuilder<T> ClearContainerFilesSources<T>(this IResourceBuilder<T> builder) where T : IResourceWithContainerFiles
    {
        foreach (var source in builder.Resource.OfAnnotation<ContainerFilesSourceAnnotation>().ToList())
        {
            builder.Resource.Annotations.Remove(source);
        }

        return builder;
    }
}
