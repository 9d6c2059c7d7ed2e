// One app, three ways to serve the four HTTP metrics of the original system, chosen by EXPORTER:
//   none     the metrics middleware is off (the baseline a request's overhead is measured against)
//   otel     System.Diagnostics.Metrics + OpenTelemetry.Exporter.Prometheus.AspNetCore, as Nuzantara.ServiceDefaults does
//   promnet  prometheus-net 8.2.1
// Each starts with the same label sets already recorded, so /metrics has a realistic size (see Series below).
using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using Prometheus;

var exporter = Environment.GetEnvironmentVariable("EXPORTER") ?? "none";
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);

IHttpRecorder? recorder = exporter switch
{
    "none" => null,
    "otel" => new OpenTelemetryRecorder(),
    "promnet" => new PrometheusNetRecorder(),
    _ => throw new ArgumentException($"EXPORTER must be none, otel or promnet, not '{exporter}'"),
};
if (recorder is OpenTelemetryRecorder)
{
    // The settings of Nuzantara.ServiceDefaults: no scrape response cache, so every scrape does the full work.
    builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
        .AddMeter(OpenTelemetryRecorder.MeterName)
        .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
}

var app = builder.Build();
// The MeterProvider subscribes to the meter when first resolved; measurements before that would be dropped.
app.Services.GetService<MeterProvider>();
if (recorder is not null)
{
    app.Use(async (context, next) =>
    {
        var started = Stopwatch.GetTimestamp();
        recorder.Begin();
        try
        {
            await next(context);
        }
        finally
        {
            recorder.End();
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            recorder.Record(context.Request.Method, route, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    });
    Series.Prefill(recorder);
}

if (recorder is OpenTelemetryRecorder)
{
    app.MapPrometheusScrapingEndpoint("/metrics");
}
else if (recorder is PrometheusNetRecorder promnet)
{
    app.MapMetrics("/metrics", promnet.Registry);
}

app.MapGet("/api/example", () => Results.Ok(new { data = "example" }));
app.Run();

interface IHttpRecorder
{
    void Begin();
    void End();
    void Record(string method, string route, int status, double seconds);
}

static class Series
{
    public static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>12 routes × 2 methods × 2 statuses: about what a service like the backend shows after a day of traffic.</summary>
    public static void Prefill(IHttpRecorder recorder)
    {
        foreach (var route in Enumerable.Range(1, 12).Select(i => $"/api/resource{i}/{{id}}"))
        {
            foreach (var method in new[] { "GET", "PUT" })
            {
                foreach (var status in new[] { 200, 404 })
                {
                    recorder.Record(method, route, status, 0.003);
                }
            }
        }
    }
}

sealed class OpenTelemetryRecorder : IHttpRecorder
{
    public const string MeterName = "Bench.Http";
    private readonly Meter meter = new(MeterName);
    private readonly Histogram<double> duration;
    private readonly Counter<long> requests;
    private readonly Counter<long> errors;
    private readonly UpDownCounter<long> active;

    public OpenTelemetryRecorder()
    {
        duration = meter.CreateHistogram<double>("http_request_duration", unit: "s", description: "HTTP request duration.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Series.Buckets });
        requests = meter.CreateCounter<long>("http_requests", description: "HTTP requests served.");
        errors = meter.CreateCounter<long>("http_errors", description: "HTTP requests answered with status 400 or above.");
        active = meter.CreateUpDownCounter<long>("http_active_connections", description: "HTTP requests in progress.");
    }

    public void Begin() => active.Add(1);

    public void End() => active.Add(-1);

    public void Record(string method, string route, int status, double seconds)
    {
        var tags = new TagList { { "method", method }, { "route", route }, { "status", status.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        duration.Record(seconds, tags);
        requests.Add(1, tags);
        if (status >= 400)
        {
            errors.Add(1, tags);
        }
    }
}

sealed class PrometheusNetRecorder : IHttpRecorder
{
    private static readonly string[] Labels = ["method", "route", "status"];
    private readonly Prometheus.Histogram duration;
    private readonly Prometheus.Counter requests;
    private readonly Prometheus.Counter errors;
    private readonly Gauge active;

    public PrometheusNetRecorder()
    {
        // Only these four metrics, as with the OpenTelemetry variant: prometheus-net's default process metrics stay off.
        Prometheus.Metrics.SuppressDefaultMetrics();
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        duration = factory.CreateHistogram("http_request_duration_seconds", "HTTP request duration.",
            new Prometheus.HistogramConfiguration { LabelNames = Labels, Buckets = Series.Buckets });
        requests = factory.CreateCounter("http_requests_total", "HTTP requests served.", Labels);
        errors = factory.CreateCounter("http_errors_total", "HTTP requests answered with status 400 or above.", Labels);
        active = factory.CreateGauge("http_active_connections", "HTTP requests in progress.");
    }

    public CollectorRegistry Registry { get; }

    public void Begin() => active.Inc();

    public void End() => active.Dec();

    public void Record(string method, string route, int status, double seconds)
    {
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        duration.WithLabels(method, route, code).Observe(seconds);
        requests.WithLabels(method, route, code).Inc();
        if (status >= 400)
        {
            errors.WithLabels(method, route, code).Inc();
        }
    }
}
