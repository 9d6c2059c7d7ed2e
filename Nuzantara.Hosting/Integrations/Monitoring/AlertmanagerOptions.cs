namespace Nuzantara.Hosting.Monitoring;

/// <summary>Grouping timers of the generated alertmanager.yml (<c>Nuzantara:Alertmanager</c>); tests shorten them.</summary>
public sealed class AlertmanagerOptions
{
    public const string SectionName = "Nuzantara:Alertmanager";

    /// <summary>How long a new group waits for more alerts before its first notification.</summary>
    public TimeSpan GroupWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a group waits before notifying of changes (new alerts in it, resolutions).</summary>
    public TimeSpan GroupInterval { get; set; } = TimeSpan.FromMinutes(5);
}
