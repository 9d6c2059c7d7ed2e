using Nuzantara.Hosting.Publishing;
using Nuzantara.Hosting.Publishing.Dockerfiles;

namespace Aspire.Hosting.JavaScript;

/// <summary>A script run by <c>node</c> (<see cref="JavaScriptHostingExtensions.AddNodeApp"/>).</summary>
public class NodeAppResource : JavaScriptAppResource, IContainerFilesDestinationResource
{
    /// <summary>Its generated Dockerfile runs the script (in place of the build of <see cref="JavaScriptAppResource"/>), as the node images' user, node (1000).</summary>
    public NodeAppResource(string name, string command, string workingDirectory) : base(name, command, workingDirectory) =>
        Annotations.Add(new GeneratedDockerfileAnnotation(context => JavaScriptDockerfile.RenderNodeApp(this, new ContainerFilesStages(this, context.ImageOf, context.Logger)))
        {
            User = new ContainerUser(1000, 1000),
        });
}
