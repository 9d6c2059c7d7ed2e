using System.Diagnostics.Metrics;

namespace Nuzantara.ServiceDefaults.Metrics;

/// <summary>
/// The four HTTP metrics of the original Node system. The Prometheus exporter appends the unit and _total suffixes,
/// so these export as http_request_duration_seconds, http_requests_total, http_errors_total, http_active_connections.
/// Labelled method, route and status, the original system's names (HttpMetricsMiddleware); the rules select on them.
/// </summary>
public sealed class HttpMetrics
{
    public const string MeterName = "Nuzantara.Http";

    /// <summary>
    /// Seconds. Every latency threshold of monitoring/rules (HighResponseTime: P95 above 2 s) is a bound, so a quantile
    /// at a threshold is read from a bucket edge rather than interpolated across one: with 1 → 2.5 s, requests that all
    /// took 1.1 s read as P95 = 2.425 s. 2 s replaces the client libraries' usual 2.5 s, which no rule reads.
    /// </summary>
    public static readonly IReadOnlyList<double> DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10];

    private long requestsInProgress;

    public HttpMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        RequestDuration = meter.CreateHistogram<double>("http_request_duration", unit: "s", description: "HTTP request duration.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        Requests = meter.CreateCounter<long>("http_requests", description: "HTTP requests served.");
        Errors = meter.CreateCounter<long>("http_errors", description: "HTTP requests answered with status 400 or above, or failed.");
        // Observed when exported rather than recorded twice per request: an increment costs far less than a measurement.
        meter.CreateObservableUpDownCounter("http_active_connections", () => Volatile.Read(ref requestsInProgress),
            description: "HTTP requests in progress.");
    }

    public Histogram<double> RequestDuration { get; }

    public Counter<long> Requests { get; }

    public Counter<long> Errors { get; }

    public void RequestStarted() => Interlocked.Increment(ref requestsInProgress);

    public void RequestEnded() => Interlocked.Decrement(ref requestsInProgress);
}
