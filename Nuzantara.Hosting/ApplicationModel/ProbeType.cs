namespace Aspire.Hosting.ApplicationModel;

/// <summary>What a probe decides, as in Kubernetes.</summary>
public enum ProbeType
{
    /// <summary>Whether the resource has finished starting; the other probes wait for it.</summary>
    Startup = 0,

    /// <summary>Whether the resource may receive traffic and its dependents may start.</summary>
    Readiness = 1,

    /// <summary>Whether the resource is alive; a failing one is restarted where the platform does that.</summary>
    Liveness = 2,
}
