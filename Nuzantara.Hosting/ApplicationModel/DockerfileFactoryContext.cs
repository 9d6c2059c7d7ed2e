namespace Aspire.Hosting.ApplicationModel;

/// <summary>What a Dockerfile factory (WithDockerfileFactory) is given when the Dockerfile is needed: at publish, or before a run builds the image.</summary>
public sealed class DockerfileFactoryContext
{
    /// <summary>The AppHost's services.</summary>
    public required IServiceProvider Services { get; init; }

    /// <summary>The resource whose image the Dockerfile builds.</summary>
    public required IResource Resource { get; init; }

    public CancellationToken CancellationToken { get; init; }
}
