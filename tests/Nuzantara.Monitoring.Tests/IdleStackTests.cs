using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Nuzantara.Tests;

namespace Nuzantara.Monitoring.Tests;

/// <summary>
/// Issue 17 on the real stack: health probes and scrapes are not traffic. Idle, every service's request rate reads zero
/// and no error ratio exists; with PostgreSQL stopped the backend's readiness probes answer 503, and PostgresDown pages
/// while no error-rate alert so much as goes pending.
/// </summary>
[Collection(OwnStackCollection.Name)]
public sealed class IdleStackTests(IdleStack stack) : IClassFixture<IdleStack>
{
    private const string Services = "backend|orchestrator|python-backend";

    // At the fast 2 s scrape interval, 16 s of successful scrapes within the last 30 s: the AppHost has probed every
    // service's /health/ready (every 5 s) several times in between.
    private const int Scrapes = 8;
    private const string ScrapeWindow = "30s";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_idle_stack_has_zero_request_rate_and_no_error_ratio()
    {
        await Eventually.ReadAsync(() => stack.QueryAsync($"sum_over_time(up{{job=~\"{Services}\"}}[{ScrapeWindow}])", Token),
            up => up.Length == 3 && up.All(s => Value(s) >= Scrapes), TimeSpan.FromSeconds(60),
            up => $"not every service scraped successfully {Scrapes} times in the last {ScrapeWindow}: {Describe(up, "job")}");
        // The recording rules must have read those scrapes: an evaluation that started after they were seen.
        var scraped = DateTimeOffset.UtcNow;
        foreach (var group in new[] { "nuzantara-http-sli", "nuzantara-slo-sli" })
        {
            await Eventually.ReadAsync(() => PrometheusApi.LastEvaluationAsync(stack.App, group, Token), at => at > scraped, TimeSpan.FromSeconds(10),
                at => $"rule group {group} last evaluated at {at:O}, not since {scraped:O}");
        }

        var rates = await stack.QueryAsync($"sum by (service) (rate(http_requests_total{{service=~\"{Services}\"}}[1m]))", Token);
        Assert.True(rates.All(s => Value(s) == 0), $"requests per second with no user: {Describe(rates, "service")}");
        var recorded = await stack.QueryAsync($"service:http_requests:rate5m{{service=~\"{Services}\"}}", Token);
        Assert.True(recorded.All(s => Value(s) == 0), $"service:http_requests:rate5m with no user: {Describe(recorded, "service")}");

        // The zero-traffic guards hold: no 5xx ratio, no SLI error ratio, no latency quantile, so nothing an alert could read.
        var ratios = await stack.QueryAsync(
            "{__name__=~\"service:http_requests_5xx:ratio_rate5m|slo:sli_error:ratio_rate.+|service:http_request_duration_seconds:p[0-9]+_rate5m\"}", Token);
        Assert.True(ratios.Length == 0, $"ratios and quantiles of an idle stack: {Describe(ratios, "__name__", "service")}");
    }

    [Fact]
    public async Task Stopping_PostgreSQL_fires_PostgresDown_and_the_backends_failing_readiness_raises_no_error_rate()
    {
        await Eventually.ReadAsync(() => stack.QueryAsync("pg_up == 1", Token), up => up.Length == 1, TimeSpan.FromSeconds(60),
            _ => "pg_up is not 1: the exporter does not see PostgreSQL yet");
        var backendRestarts = stack.App.ResourceNotifications.GetSnapshot("backend")!.RestartCount;
        using var dashboard = stack.Dashboard();
        var stoppedAt = DateTimeOffset.UtcNow;
        // The Resources page's Stop: the AppHost does not restart what an operator stopped.
        using (var stop = await dashboard.PostAsync("/api/resources/postgres/commands/stop", null, Token))
        {
            Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        }

        try
        {
            // The AppHost's probe of the backend's /health/ready answers 503 from now on.
            await Eventually.ReadAsync(() => Task.FromResult(stack.App.ResourceNotifications.GetSnapshot("backend")!),
                backend => backend.HealthStatus == HealthStatus.Unhealthy, TimeSpan.FromSeconds(30),
                backend => $"backend's readiness did not fail with PostgreSQL stopped: {backend.State?.Text}, {backend.HealthStatus}");

            var firing = await Eventually.ReadAsync(
                () => Task.FromResult(stack.Inbox.Snapshot().FirstOrDefault(a => a.AlertName == "PostgresDown" && a.Status == "firing" && a.ReceivedAt >= stoppedAt)),
                alert => alert is not null, TimeSpan.FromSeconds(120),
                _ => $"no PostgresDown firing in the inbox: {DescribeInbox()}");
            Assert.Equal("critical", firing!.Labels["severity"]);
            Assert.True(firing.ReceivedAt - stoppedAt >= TimeSpan.FromMinutes(1), $"PostgresDown arrived {firing.ReceivedAt - stoppedAt} after the stop, before its for: 1m");

            // Over the whole outage so far, as Prometheus kept it: ALERTS has a series for every pending or firing alert.
            // The availability budget burn reads the same 5xx as the error-rate alerts.
            var outage = $"{(int)Math.Ceiling((DateTimeOffset.UtcNow - stoppedAt).TotalSeconds) + 1}s";
            var errorRateAlerts = await stack.QueryAsync(
                $"last_over_time(ALERTS{{alertname=~\"HighErrorRate|CriticalErrorRate|AvailabilityErrorBudgetBurn\"}}[{outage}])", Token);
            Assert.True(errorRateAlerts.Length == 0, $"error-rate alerts during the outage: {Describe(errorRateAlerts, "alertname", "alertstate", "service")}");
            var fiveHundreds = await stack.QueryAsync($"last_over_time(http_requests_total{{status=~\"5..\"}}[{outage}])", Token);
            Assert.True(fiveHundreds.Length == 0, $"5xx counted during the outage: {Describe(fiveHundreds, "service", "route", "status")}");
            Assert.DoesNotContain(stack.Inbox.Snapshot(), a => a.AlertName is "HighErrorRate" or "CriticalErrorRate" or "AvailabilityErrorBudgetBurn");
        }
        finally
        {
            (await dashboard.PostAsync("/api/resources/postgres/commands/start", null, CancellationToken.None)).Dispose();
        }

        // And back: PostgreSQL runs again and the backend is ready without being restarted.
        await Eventually.ReadAsync(() => Task.FromResult(new[] { "postgres", "backend" }.Select(r => stack.App.ResourceNotifications.GetSnapshot(r)!).ToArray()),
            resources => resources.All(r => r.IsHealthy), TimeSpan.FromSeconds(60),
            resources => $"not healthy again after PostgreSQL's Start: {string.Join(", ", resources.Select(r => $"{r.Name} {r.State?.Text} {r.HealthStatus}"))}");
        Assert.Equal(backendRestarts, stack.App.ResourceNotifications.GetSnapshot("backend")!.RestartCount);
    }

    private static double Value(JsonElement series) => double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);

    private static string Describe(JsonElement[] vector, params string[] labels) =>
        vector.Length == 0 ? "none" : string.Join(", ", vector.Select(s =>
            $"{string.Join(" ", labels.Select(l => s.GetProperty("metric").TryGetProperty(l, out var v) ? v.GetString() : "-"))}={s.GetProperty("value")[1]}"));

    private string DescribeInbox() =>
        string.Join("; ", stack.Inbox.Snapshot().Select(a => $"{a.AlertName} {a.Status} {a.Labels.GetValueOrDefault("service")} at {a.ReceivedAt:O}"));
}
