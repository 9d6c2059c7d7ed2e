namespace Nuzantara.ServiceDefaults.Health;

/// <summary>How dependency checks are shared: <c>Nuzantara:Health</c> in configuration.</summary>
public sealed class SharedHealthCheckOptions
{
    public const string Section = "Nuzantara:Health";

    /// <summary>How long a finished check answers for every caller before the next one runs.</summary>
    public TimeSpan FreshFor { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long after a check starts its callers wait for it before they get the last known result: long enough for a
    /// healthy dependency (a PING, a SELECT 1), short enough that /health answers within 100 ms when one hangs.
    /// </summary>
    public TimeSpan ResponseBudget { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How long one health report answers every caller of the same endpoint. Short next to <see cref="FreshFor"/>, so it
    /// adds little staleness; long enough that a storm of probes runs the report's bookkeeping ten times a second, not
    /// once per request.
    /// </summary>
    public TimeSpan ReportFreshFor { get; set; } = TimeSpan.FromMilliseconds(100);
}
