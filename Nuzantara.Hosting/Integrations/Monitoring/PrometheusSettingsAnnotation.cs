
namespace Nuzantara.Hosting.Monitoring;

/// <summary>
/// Prometheus' own settings: how often it scrapes and evaluates rules, how long it keeps data, which rule files it loads.
/// AddPrometheus binds it from <c>Nuzantara:Prometheus</c> (appsettings, environment, command line); WithScrapeInterval
/// and WithRetention in the AppHost override that.
/// </summary>
public sealed class PrometheusSettingsAnnotation : IResourceAnnotation
{
    public const string SectionName = "Nuzantara:Prometheus";

    /// <summary>
    /// 15 s, not the original design's 30 s: the 1 m alerts (ServiceDown, RedisDown, PostgresDown) then see four
    /// failed scrapes before firing instead of two, so one slow scrape neither fires nor delays them by half their
    /// <c>for</c>, and rate() over [5m] has 20 samples. The cost is twice the samples, small for a dozen targets.
    /// </summary>
    public TimeSpan ScrapeInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often rules are evaluated; the scrape interval unless set (tests shorten both).</summary>
    public TimeSpan? EvaluationInterval { get; set; }

    /// <summary>
    /// How long Prometheus waits before it sends a still-firing alert to Alertmanager again (<c>--rules.alert.resend-delay</c>;
    /// Prometheus' minute unless set). The alerts of its first evaluation go out before it has loaded its Alertmanager
    /// targets, so this is also how late the Watchdog's first heartbeat arrives after a start. Tests shorten it.
    /// </summary>
    public TimeSpan? AlertResendDelay { get; set; }

    /// <summary>
    /// The <c>cluster</c> label every alert carries (an external label), which Alertmanager groups by, so that two
    /// stacks sending to one Alertmanager never merge their notifications; the AppHost's name, lower-cased, unless set.
    /// </summary>
    public string? Cluster { get; set; }

    /// <summary>In Prometheus' duration syntax (<c>15d</c>, <c>720h</c>).</summary>
    public string Retention { get; set; } = "15d";

    /// <summary>Absolute paths of rule files (or folders of them) on this machine.</summary>
    public List<string> RuleFiles { get; } = [];
}
