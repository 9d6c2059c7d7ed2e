namespace Aspire.Hosting.ApplicationModel;

public enum WaitType
{
    /// <summary>Wait until the resource is running and its health checks pass.</summary>
    WaitUntilHealthy,

    /// <summary>Wait until the resource has exited with code 0.</summary>
    WaitForCompletion,
}

/// <summary>The annotated resource does not start before <see cref="Resource"/> reaches the state <see cref="WaitType"/> names.</summary>
public sealed class WaitAnnotation(IResource resource, WaitType waitType) : IResourceAnnotation
{
    public IResource Resource { get; } = resource;

    public WaitType WaitType { get; } = waitType;
}
