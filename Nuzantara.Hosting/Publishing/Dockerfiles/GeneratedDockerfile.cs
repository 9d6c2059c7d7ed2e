using Aspire.Hosting.JavaScript;
using Aspire.Hosting.Python;
using Microsoft.Extensions.Logging;

namespace Nuzantara.Hosting.Publishing.Dockerfiles;

/// <summary>
/// As Aspire 13: a Python or JavaScript app published as its folder's image, whose folder has no Dockerfile, gets one
/// generated from its files (requirements.txt, pyproject.toml, package.json) and its entry. It is written next to the
/// published files as <c>&lt;resource&gt;.Dockerfile</c>, never into the app's folder, and built with that folder as context.
/// </summary>
internal static class GeneratedDockerfile
{
    /// <summary>Null when the resource is not an app Aspire generates for, or names a Dockerfile of its own.</summary>
    /// <param name="imageOf">The image a resource is published as, or null: where PublishWithContainerFiles sources come from.</param>
    public static DeployedBuild? For(IResource resource, DockerfileBuildAnnotation build, Func<IResource, string?> imageOf, ILogger logger)
    {
        if (resource is not ExecutableResource app || build.DockerfilePath != Path.Combine(app.WorkingDirectory, "Dockerfile"))
        {
            return null;
        }

        var (content, buildOnly) = app switch
        {
            PythonAppResource python => (PythonDockerfile.Render(python, new ContainerFilesStages(python, imageOf, logger)), false),
            NodeAppResource node => (JavaScriptDockerfile.RenderNodeApp(node, new ContainerFilesStages(node, imageOf, logger)), false),
            JavaScriptAppResource javaScript => (JavaScriptDockerfile.RenderBuild(javaScript, logger), true),
            _ => (null, false),
        };
        return content is null
            ? null
            : new DeployedBuild(build.ContextPath, build.DockerfilePath, build.Stage, build.BuildArguments)
            {
                Generated = new PublishedFile($"{resource.Name}.Dockerfile", content),
                BuildOnly = buildOnly,
            };
    }
}
