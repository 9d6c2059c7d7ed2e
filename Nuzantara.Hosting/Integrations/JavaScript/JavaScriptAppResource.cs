using Nuzantara.Hosting.Publishing;
using Nuzantara.Hosting.Publishing.Dockerfiles;

namespace Aspire.Hosting.JavaScript;

/// <summary>A JavaScript app run by Debian's Node.js: a package.json script through npm, or a script through node.</summary>
public class JavaScriptAppResource : ExecutableResource, IResourceWithServiceDiscovery, IResourceWithContainerFiles
{
    /// <summary>Published as its folder's image (PublishAsDockerFile), an app without a Dockerfile of its own gets one that builds its output.</summary>
    public JavaScriptAppResource(string name, string command, string workingDirectory) : base(name, command, workingDirectory) =>
        Annotations.Add(new GeneratedDockerfileAnnotation(context => JavaScriptDockerfile.RenderBuild(this, context.Logger)) { BuildOnly = true });
}
