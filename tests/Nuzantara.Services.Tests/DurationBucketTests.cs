using System.Globalization;
using System.Text.RegularExpressions;
using Nuzantara.ServiceDefaults.Metrics;

namespace Nuzantara.Services.Tests;

/// <summary>
/// A latency threshold that falls inside a bucket is read by interpolation: with buckets 1 → 2.5 s, requests that all
/// took 1.1 s read as P95 = 2.425 s. So every threshold the rules use is a bucket bound of every service.
/// </summary>
public sealed partial class DurationBucketTests
{
    [Fact]
    public void Every_latency_threshold_of_the_rules_is_a_bucket_bound_of_every_service()
    {
        var thresholds = LatencyThresholds();
        var python = PythonBuckets();

        Assert.Contains(2.0, thresholds); // HighResponseTime: P95 above 2 s
        Assert.Contains(1.0, thresholds); // the latency SLO: requests within 1 s
        Assert.All(thresholds, threshold =>
        {
            Assert.Contains(threshold, HttpMetrics.DurationBuckets);
            Assert.Contains(threshold, python);
        });
    }

    /// <summary>What a duration quantile is compared with, and every bucket a rule selects by <c>le</c>.</summary>
    private static HashSet<double> LatencyThresholds()
    {
        var rules = Directory.GetFiles(Path.Combine(Repository.Root, "Nuzantara.AppHost", "monitoring", "rules"), "*.yml").Select(File.ReadAllText);
        return [.. rules.SelectMany(text => QuantileComparison().Matches(text).Concat(BucketSelector().Matches(text)))
            .Select(match => double.Parse(match.Groups["seconds"].Value, CultureInfo.InvariantCulture))];
    }

    private static double[] PythonBuckets()
    {
        var source = File.ReadAllText(Path.Combine(Repository.Root, "Nuzantara.PythonBackend", "app", "telemetry", "metrics.py"));
        return [.. PythonDurationBuckets().Match(source).Groups["bounds"].Value.Split(',').Select(b => double.Parse(b, CultureInfo.InvariantCulture))];
    }

    // Not _count, which the SLO rules compare with 0 as their zero-traffic guard.
    [GeneratedRegex(@"http_request_duration_seconds(?!_count)\S*\s*>=?\s*(?<seconds>[0-9.]+)")]
    private static partial Regex QuantileComparison();

    // le="1", or le=~"1|1.0" for the .NET and the Python spelling of one bound.
    [GeneratedRegex(@"http_request_duration_seconds_bucket\{[^}]*le=~?""(?<seconds>[0-9.]+)[|""]")]
    private static partial Regex BucketSelector();

    [GeneratedRegex(@"(?m)^DURATION_BUCKETS = \((?<bounds>[^)]*)\)")]
    private static partial Regex PythonDurationBuckets();
}
