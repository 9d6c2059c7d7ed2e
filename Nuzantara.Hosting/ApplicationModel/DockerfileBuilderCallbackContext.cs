using System.Diagnostics.CodeAnalysis;
using Aspire.Hosting.ApplicationModel.Docker;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>What a WithDockerfileBuilder callback is given: the resource, and the <see cref="DockerfileBuilder"/> to write its Dockerfile with.</summary>
[Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
public class DockerfileBuilderCallbackContext(IResource resource, DockerfileBuilder builder, IServiceProvider services, CancellationToken cancellationToken)
{
    public IResource Resource { get; } = resource;

    /// <summary>The Dockerfile being written; each callback adds to what the ones before it wrote.</summary>
    public DockerfileBuilder Builder { get; } = builder;

    public IServiceProvider Services { get; } = services;

    public CancellationToken CancellationToken { get; } = cancellationToken;
}
