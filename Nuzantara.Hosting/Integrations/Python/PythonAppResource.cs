using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Publishing;
using Nuzantara.Hosting.Publishing.Dockerfiles;

namespace Aspire.Hosting.Python;

/// <summary>A Python application run by an interpreter, here Debian's /usr/bin/python3 with Debian's python3-* packages.</summary>
public class PythonAppResource : ExecutableResource, IResourceWithServiceDiscovery, IContainerFilesDestinationResource
{
    /// <summary>
    /// How it publishes is what it is, however it was added (AddPythonApp or AddResource): always its folder's image,
    /// since what it runs with here (Debian's interpreter and packages) is this machine's.
    /// </summary>
    public PythonAppResource(string name, string command, string appDirectory) : base(name, command, appDirectory)
    {
        Annotations.Add(new PublishAsFolderImageAnnotation());
        // Nuzantara.PythonBackend/Dockerfile: USER 10001, whose group useradd picks; the image's passwd entry gives it.
        Annotations.Add(new PublishedContainerUserAnnotation(new ContainerUser(10001, null)));
        // The generated Dockerfile's appuser (groupadd/useradd --gid 999 --uid 999); its entrypoint is the app's entry.
        Annotations.Add(new GeneratedDockerfileAnnotation(context => PythonDockerfile.Render(this, new ContainerFilesStages(this, context.ImageOf, context.Logger)))
        {
            User = new ContainerUser(999, 999),
            EntrypointArgumentCount = () => this.OfAnnotation<PythonEntrypointAnnotation>().LastOrDefault()?.ModelArgumentCount,
        });
        Annotations.Add(new HttpCheckToolAnnotation(HttpCheckTool.Python));
        Annotations.Add(new KubernetesResourceRequestsAnnotation("100m", "256Mi"));
    }
}
