using System.Text.Json;
using Nuzantara.Tests;

namespace Nuzantara.Monitoring.Tests;

/// <summary>The shipped Grafana dashboard's queries, run against the live Prometheus of the test stack after traffic.</summary>
[Collection(MonitoringStackCollection.Name)]
public sealed class GrafanaDashboardTests(MonitoringStack stack)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Queries()
    {
        var data = new TheoryData<string, string>();
        foreach (var (panel, expr) in PanelQueries())
        {
            data.Add(panel, expr);
        }

        return data;
    }

    [Fact]
    public void The_dashboard_shows_rate_errors_latency_connections_memory_cpu_restarts_and_error_budgets()
    {
        var queries = PanelQueries();

        Assert.Equal(["Request rate", "5xx error ratio", "Latency P50 / P95 / P99", "Active connections", "Memory (resident)", "CPU", "Restarts (15 min)",
                "Error budget remaining (30 d)", "Burn rate (1 h)"],
            queries.Select(q => q.Panel).Distinct());
        Assert.Contains(queries, q => q.Expr.Contains("p50", StringComparison.Ordinal));
        Assert.Contains(queries, q => q.Expr.Contains("p95", StringComparison.Ordinal));
        Assert.Contains(queries, q => q.Expr.Contains("p99", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Each_panel_query_parses_and_returns_series(string panel, string expr)
    {
        // "All services", as Grafana substitutes the variable's allValue.
        var promql = expr.Replace("$service", ".+", StringComparison.Ordinal);

        var diagnosis = "";
        var series = await Eventually.ReadAsync(async () =>
        {
            var result = await stack.QueryAsync(promql, Token);
            if (result.Length == 0)
            {
                // What the failure message shows: whether the targets behind the panel were scraped, and which series exist.
                var scrapes = await stack.QueryAsync("up == 0 or scrape_duration_seconds > 0.5", Token);
                var names = await stack.QueryAsync("count by (__name__) ({__name__=~\"nuzantara_.*|http_.*\"})", Token);
                diagnosis = $"{promql}; slow or failed scrapes: {string.Join(", ", scrapes.Select(s => s.ToString()))}; series: {string.Join(", ", names.Select(n => n.GetProperty("metric").GetProperty("__name__").GetString()))}";
            }

            return result;
        }, result => result.Length > 0, TimeSpan.FromSeconds(60), _ => $"no series for panel '{panel}': {diagnosis}");

        Assert.NotEmpty(series);
    }

    private static List<(string Panel, string Expr)> PanelQueries()
    {
        var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(MonitoringTools.MonitoringDirectory, "grafana", "service-overview.json"))).RootElement;
        return dashboard.GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray().Select(t => (panel.GetProperty("title").GetString()!, t.GetProperty("expr").GetString()!)))
            .ToList();
    }
}
