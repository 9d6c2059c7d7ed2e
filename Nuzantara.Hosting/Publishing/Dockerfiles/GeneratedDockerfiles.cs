namespace Nuzantara.Hosting.Publishing.Dockerfiles;

/// <summary>Writes the Dockerfiles generated for apps without one into a publisher's output folder.</summary>
internal static class GeneratedDockerfiles
{
    public static async Task WriteAsync(DeploymentModel deployment, string outputDirectory, CancellationToken cancellationToken)
    {
        foreach (var file in deployment.Workloads.Select(w => w.Build?.Generated).OfType<PublishedFile>())
        {
            await OutputFiles.WriteAsync(outputDirectory, file.OutputPath, file.Content, cancellationToken).ConfigureAwait(false);
        }
    }
}
