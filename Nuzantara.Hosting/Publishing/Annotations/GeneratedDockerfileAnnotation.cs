using Microsoft.Extensions.Logging;
using Nuzantara.Hosting.Publishing.Dockerfiles;

namespace Nuzantara.Hosting.Publishing;

/// <summary>
/// As Aspire 13: how an app published as its folder's image gets a Dockerfile when its folder has none, generated from
/// its files and its entry (<see cref="GeneratedDockerfile"/>).
/// </summary>
/// <param name="render">The Dockerfile's text.</param>
internal sealed class GeneratedDockerfileAnnotation(Func<GeneratedDockerfileContext, string> render) : IResourceAnnotation
{
    public Func<GeneratedDockerfileContext, string> Render { get; } = render;

    /// <summary>The image is only built for its files (PublishWithContainerFiles sources): nothing of it runs.</summary>
    public bool BuildOnly { get; init; }

    /// <summary>The user the generated Dockerfile's image runs as.</summary>
    public ContainerUser? User { get; init; }

    /// <summary>
    /// How many of the model's arguments the generated entrypoint already holds (the interpreter's on this machine):
    /// the rest follow it as the container's arguments. Null: the image runs its own command, without the model's.
    /// </summary>
    public Func<int?> EntrypointArgumentCount { get; init; } = () => null;
}

/// <summary>What a generated Dockerfile is written from.</summary>
/// <param name="ImageOf">The image a resource is published as, or null: where PublishWithContainerFiles sources come from.</param>
internal sealed record GeneratedDockerfileContext(Func<IResource, string?> ImageOf, ILogger Logger);
