using Nuzantara.Hosting.ApplicationModel;

namespace Nuzantara.Hosting.Monitoring;

/// <summary>Prometheus' own settings: how often it scrapes, how long it keeps data, which rule files it loads.</summary>
public sealed class PrometheusSettingsAnnotation : IResourceAnnotation
{
    /// <summary>15 s: four samples a minute keeps the 1 m alerts (ServiceDown, RedisDown) to one missed scrape of slack.</summary>
    public TimeSpan ScrapeInterval { get; set; } = TimeSpan.FromSeconds(15);

    public string Retention { get; set; } = "15d";

    /// <summary>Absolute paths of rule files (or folders of them) on this machine.</summary>
    public List<string> RuleFiles { get; } = [];
}
