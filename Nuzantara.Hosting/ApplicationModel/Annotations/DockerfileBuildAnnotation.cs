namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The resource's image is built from a Dockerfile: by the container runtime before it runs (AddDockerfile), by the
/// deployment when published (AddDockerfile, PublishAsDockerFile). With a <see cref="DockerfileFactory"/>
/// (WithDockerfileFactory, WithDockerfileBuilder) the Dockerfile is written by code when it is needed.
/// </summary>
/// <param name="contextPath">The build context, absolute.</param>
/// <param name="dockerfilePath">The Dockerfile, absolute; for a factory's, where it is written before a build.</param>
/// <param name="stage">The target stage of a multi-stage Dockerfile, or null for the last.</param>
public class DockerfileBuildAnnotation(string contextPath, string dockerfilePath, string? stage) : IResourceAnnotation
{
    private readonly SemaphoreSlim _materializing = new(1, 1);
    private bool _materialized;

    public string ContextPath { get; } = contextPath;

    public string DockerfilePath { get; } = dockerfilePath;

    public string? Stage { get; } = stage;

    /// <summary>Build arguments (<c>--build-arg</c>): strings, parameters, or null for a value taken from the builder's environment.</summary>
    public Dictionary<string, object?> BuildArguments { get; } = new(StringComparer.Ordinal);

    /// <summary>Build secrets (<c>--secret id=NAME,env=…</c>, read with <c>RUN --mount=type=secret,id=NAME</c>): parameters, whose values no published file holds.</summary>
    public Dictionary<string, object> BuildSecrets { get; } = new(StringComparer.Ordinal);

    /// <summary>Writes the Dockerfile's text; called once per publish or build, never at declaration.</summary>
    public Func<DockerfileFactoryContext, Task<string>>? DockerfileFactory { get; init; }

    /// <summary>The image a build of a resource that names another image (Redis built on its own image) is tagged as; null: the resource's image.</summary>
    public string? ImageName { get; set; }

    public string? ImageTag { get; set; }

    /// <summary>Writes the factory's Dockerfile to <see cref="DockerfilePath"/>, once; nothing without a factory.</summary>
    public async Task MaterializeDockerfileAsync(DockerfileFactoryContext context, CancellationToken cancellationToken)
    {
        if (DockerfileFactory is null || _materialized)
        {
            return;
        }

        await _materializing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_materialized)
            {
                var content = await GenerateDockerfileAsync(context).ConfigureAwait(false);
                Directory.CreateDirectory(Path.GetDirectoryName(DockerfilePath)!);
                await File.WriteAllTextAsync(DockerfilePath, content, cancellationToken).ConfigureAwait(false);
                _materialized = true;
            }
        }
        finally
        {
            _materializing.Release();
        }
    }

    /// <summary>The factory's Dockerfile; a failure of the factory is reported with the resource it builds.</summary>
    internal async Task<string> GenerateDockerfileAsync(DockerfileFactoryContext context)
    {
        var factory = DockerfileFactory ?? throw new InvalidOperationException($"The Dockerfile of '{context.Resource.Name}' is a file, not written by a factory.");
        try
        {
            return await factory(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new DistributedApplicationException(
                $"The Dockerfile factory of '{context.Resource.Name}' (WithDockerfileFactory or WithDockerfileBuilder) failed: {ex.Message} Fix the factory; its Dockerfile cannot be written without it.", ex);
        }
    }
}
