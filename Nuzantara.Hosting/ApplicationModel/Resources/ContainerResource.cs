namespace Aspire.Hosting.ApplicationModel;

/// <summary>A resource defined by a container image; with a native recipe the process runtime runs it without an engine.</summary>
public class ContainerResource(string name)
    : Resource(name), IResourceWithEnvironment, IResourceWithArgs, IResourceWithEndpoints, IResourceWithWaitSupport, IResourceWithProbes
{
    /// <summary>The image's entrypoint replaced (WithEntrypoint); null keeps the image's own.</summary>
    public string? Entrypoint { get; set; }
}
