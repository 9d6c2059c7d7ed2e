namespace Aspire.Hosting.ApplicationModel;

/// <summary>What a wait for a healthy resource does when the resource fails, exits or finishes instead.</summary>
public enum WaitBehavior
{
    /// <summary>Keep waiting: the resource may yet restart and become healthy.</summary>
    WaitOnResourceUnavailable = 0,

    /// <summary>Fail the wait at once.</summary>
    StopOnResourceUnavailable = 1,
}
