using System.Diagnostics.CodeAnalysis;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>The WithDockerfileBuilder callbacks of a resource, run in the order added on one <see cref="Docker.DockerfileBuilder"/>.</summary>
[Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
public class DockerfileBuilderCallbackAnnotation : IResourceAnnotation
{
    private readonly List<Func<DockerfileBuilderCallbackContext, Task>> _callbacks = [];

    public DockerfileBuilderCallbackAnnotation()
    {
    }

    public DockerfileBuilderCallbackAnnotation(Func<DockerfileBuilderCallbackContext, Task> callback) => AddCallback(callback);

    public IReadOnlyList<Func<DockerfileBuilderCallbackContext, Task>> Callbacks => _callbacks.AsReadOnly();

    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public void AddCallback(Func<DockerfileBuilderCallbackContext, Task> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        _callbacks.Add(callback);
    }
}
