using Microsoft.Extensions.Logging;

namespace Nuzantara.Hosting.Publishing.Dockerfiles;

/// <summary>
/// As Aspire 13: a Python or JavaScript app published as its folder's image, whose folder has no Dockerfile, gets one
/// generated from its files (requirements.txt, pyproject.toml, package.json) and its entry. It is written next to the
/// published files as <c>&lt;resource&gt;.Dockerfile</c>, never into the app's folder, and built with that folder as context.
/// </summary>
internal static class GeneratedDockerfile
{
    /// <summary>Null when the resource's integration generates no Dockerfile (<see cref="GeneratedDockerfileAnnotation"/>), or it names a Dockerfile of its own.</summary>
    /// <param name="imageOf">The image a resource is published as, or null: where PublishWithContainerFiles sources come from.</param>
    public static DeployedBuild? For(IResource resource, DockerfileBuildAnnotation build, Func<IResource, string?> imageOf, ILogger logger) =>
        resource is not ExecutableResource app || build.DockerfilePath != Path.Combine(app.WorkingDirectory, "Dockerfile")
            || resource.OfAnnotation<GeneratedDockerfileAnnotation>().LastOrDefault() is not { } generator
            ? null
            : new DeployedBuild(build.ContextPath, build.DockerfilePath, build.Stage, build.BuildArguments)
            {
                Generated = new PublishedFile($"{resource.Name}.Dockerfile", generator.Render(new GeneratedDockerfileContext(imageOf, logger))),
                BuildOnly = generator.BuildOnly,
            };
}
