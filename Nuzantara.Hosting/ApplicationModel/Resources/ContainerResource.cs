namespace Aspire.Hosting.ApplicationModel;

/// <summary>A resource defined by a container image; with a native recipe the process runtime runs it without an engine.</summary>
public class ContainerResource(string name)
    : Resource(name), IResourceWithEnvironment, IResourceWithArgs, IResourceWithEndpoints, IResourceWithWaitSupport;
