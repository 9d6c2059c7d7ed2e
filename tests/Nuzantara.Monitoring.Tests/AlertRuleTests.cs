namespace Nuzantara.Monitoring.Tests;

/// <summary>The production rule files, as Prometheus loads them and as their unit tests (monitoring/rule-tests/*.test.yml) specify them.</summary>
public sealed class AlertRuleTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly string[] ExpectedAlerts =
    [
        "HighErrorRate", "CriticalErrorRate", "HighResponseTime", "ServiceDown", "HighMemoryUsage", "HighCPUUsage",
        "DiskSpaceLow", "RedisDown", "HighActiveConnections", "ContainerRestarted", "Watchdog", "PostgresDown",
        "AvailabilityErrorBudgetBurn", "LatencyErrorBudgetBurn",
    ];

    [Fact]
    public async Task Rule_files_load_in_Prometheus()
    {
        var result = await MonitoringTools.PromtoolAsync(Token, ["check", "rules", .. RuleFiles()]);

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task Every_rule_unit_test_passes()
    {
        var tests = Directory.GetFiles(MonitoringTools.RuleTestsDirectory, "*.test.yml").Order().ToArray();

        var result = await MonitoringTools.PromtoolAsync(Token, ["test", "rules", .. tests]);

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public void Every_alert_has_unit_tests_and_a_runbook()
    {
        var tests = string.Concat(Directory.GetFiles(MonitoringTools.RuleTestsDirectory, "*.test.yml").Select(File.ReadAllText));
        var alerts = File.ReadAllText(Path.Combine(MonitoringTools.RulesDirectory, "alerts.yml"));
        var repositoryRoot = Path.GetDirectoryName(Path.GetDirectoryName(MonitoringTools.MonitoringDirectory))!;

        Assert.All(ExpectedAlerts, alert =>
        {
            Assert.Contains($"- alert: {alert}\n", alerts);
            Assert.Contains($"runbook_url: docs/runbooks/{alert}.md", alerts);
            Assert.Contains($"alertname: {alert}", tests);
            Assert.True(File.Exists(Path.Combine(repositoryRoot, "docs", "runbooks", $"{alert}.md")), $"docs/runbooks/{alert}.md is missing");
        });
        // An SLO alert is two rules of one name, its page and its ticket.
        Assert.Equal(ExpectedAlerts.Length, alerts.Split("- alert: ").Skip(1).Select(rule => rule[..rule.IndexOf('\n')]).Distinct().Count());
    }

    private static string[] RuleFiles() => Directory.GetFiles(MonitoringTools.RulesDirectory, "*.yml").Order().ToArray();
}
