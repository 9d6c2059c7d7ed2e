namespace Aspire.Hosting.ApplicationModel;

/// <summary>A probe of the resource and its timing (Aspire's defaults: 5 s delay and period, 1 s timeout, 3 failures, 1 success).</summary>
public abstract class ProbeAnnotation : IResourceAnnotation
{
    public required ProbeType Type { get; init; }

    public int InitialDelaySeconds { get; init; } = 5;

    public int PeriodSeconds { get; init; } = 5;

    public int TimeoutSeconds { get; set; } = 1;

    public int FailureThreshold { get; init; } = 3;

    public int SuccessThreshold { get; init; } = 1;
}
