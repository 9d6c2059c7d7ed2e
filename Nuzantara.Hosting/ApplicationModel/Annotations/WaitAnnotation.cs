namespace Aspire.Hosting.ApplicationModel;

public enum WaitType
{
    /// <summary>Wait until the resource is running and its health checks pass.</summary>
    WaitUntilHealthy,

    /// <summary>Wait until the resource has exited with code 0.</summary>
    WaitForCompletion,

    /// <summary>Wait until the resource is running, healthy or not.</summary>
    WaitUntilStarted,
}

/// <summary>The annotated resource does not start before <see cref="Resource"/> reaches the state <see cref="WaitType"/> names.</summary>
public sealed class WaitAnnotation(IResource resource, WaitType waitType) : IResourceAnnotation
{
    public IResource Resource { get; } = resource;

    public WaitType WaitType { get; } = waitType;

    /// <summary>What the wait does if <see cref="Resource"/> fails instead; unset, it stops (<see cref="WaitBehavior.StopOnResourceUnavailable"/>).</summary>
    public WaitBehavior? WaitBehavior { get; init; }
}
