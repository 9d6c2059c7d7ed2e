namespace Aspire.Hosting.ApplicationModel;

/// <summary>Whether a container lives and dies with the AppHost, or outlives it to be reused by its next run.</summary>
public enum ContainerLifetime
{
    /// <summary>Created when the AppHost starts, removed when it stops.</summary>
    Session = 0,

    /// <summary>
    /// Left running when the AppHost stops, and reused (found by its name) by the next run while its configuration is
    /// unchanged; re-created when it changed. The container runtime only: see <c>WithLifetime</c> for the process runtime.
    /// </summary>
    Persistent = 1,
}
