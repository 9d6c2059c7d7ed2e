using System.Text.Json;
using Nuzantara.Hosting.Dashboard.Alerts;
using Nuzantara.Fixtures.AlertReceivers;
using Nuzantara.Hosting.Orchestration.Process;
using Nuzantara.Tests;

namespace Nuzantara.Monitoring.Tests;

/// <summary>
/// The whole alerting path on the real stack: Prometheus scrapes every target, a service that stops answering becomes
/// ServiceDown in the AppHost's inbox, on Slack and by e-mail through Alertmanager, and its return becomes the resolved
/// notification everywhere; a warning goes to Slack only.
/// </summary>
[Collection(MonitoringStackCollection.Name)]
public sealed class ServiceDownTests(MonitoringStack stack)
{
    private static readonly string[] ExpectedJobs =
    [
        "alertmanager", "apphost", "backend", "node-exporter", "orchestrator", "postgres-exporter", "prometheus", "python-backend", "redis-exporter",
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_Prometheus_target_is_up_with_its_service_and_environment_labels()
    {
        var targets = await Eventually.ReadAsync(() => stack.QueryAsync("up", Token),
            up => up.Length == ExpectedJobs.Length && up.All(s => s.GetProperty("value")[1].GetString() == "1"), TimeSpan.FromSeconds(60),
            up => $"not every target up (see Prometheus /targets): {string.Join(", ", up.Select(s => $"{Label(s, "job")}={s.GetProperty("value")[1]}"))}");

        Assert.Equal(ExpectedJobs, targets.Select(t => Label(t, "job")).Order());
        Assert.All(targets, t => Assert.Equal(Label(t, "job"), Label(t, "service")));
        Assert.All(targets, t => Assert.Equal("Development", Label(t, "environment")));
    }

    [Fact]
    public async Task A_backend_that_stops_answering_reaches_the_inbox_as_ServiceDown_and_then_as_resolved()
    {
        var processGroup = stack.App.ResourceNotifications.GetSnapshot("backend")!.ProcessId!.Value;
        await Eventually.ReadAsync(() => stack.QueryAsync("up{job=\"backend\"} == 1", Token), up => up.Length == 1, TimeSpan.FromSeconds(60),
            _ => "up{job=\"backend\"} is not 1");

        // SIGSTOP keeps the process and its socket but answers nothing: Prometheus' scrapes time out, as with a hung service.
        var stoppedAt = DateTimeOffset.UtcNow;
        await CommandRunner.RunCheckedAsync("kill", ["-STOP", "--", $"-{processGroup}"], Token);
        ReceivedAlert firing;
        try
        {
            firing = await WaitForAsync("firing", stoppedAt, TimeSpan.FromSeconds(120));
        }
        finally
        {
            await CommandRunner.RunCheckedAsync("kill", ["-CONT", "--", $"-{processGroup}"], Token);
        }

        Assert.Equal("backend", firing.Labels["job"]);
        Assert.Equal("critical", firing.Labels["severity"]);
        Assert.Equal("Development", firing.Labels["environment"]);
        Assert.Equal("default", firing.Receiver);
        Assert.Equal("docs/runbooks/ServiceDown.md", firing.Annotations["runbook_url"]);
        Assert.Null(firing.EndsAt);
        Assert.True(firing.ReceivedAt - stoppedAt >= TimeSpan.FromMinutes(1), $"ServiceDown arrived {firing.ReceivedAt - stoppedAt} after the stop, before its for: 1m");

        // Critical: Slack (its URL and the SMTP password read from Alertmanager's secret files) and e-mail as well.
        await AlertPath.AssertFiringDeliveredAsync(ReadReceivedAsync, stack.SlackPath, "backend", authenticated: true, TimeSpan.FromSeconds(30));

        var resolved = await WaitForAsync("resolved", firing.ReceivedAt, TimeSpan.FromSeconds(60));
        Assert.Equal(firing.Fingerprint, resolved.Fingerprint);
        Assert.NotNull(resolved.EndsAt);
        await AlertPath.AssertResolvedDeliveredAsync(ReadReceivedAsync, stack.SlackPath, "backend", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_warning_reaches_Slack_and_never_e_mail() =>
        await AlertPath.AssertWarningReachesSlackOnlyAsync(ReadReceivedAsync, stack.SlackPath, async alertName =>
        {
            // As an operator checks the wiring.
            var added = await MonitoringTools.AmtoolAsync(Token, "alert", "add", $"alertname={alertName}", "severity=warning", "service=backend",
                "--annotation=summary=Checking the alert wiring", $"--alertmanager.url={stack.App.GetEndpoint("alertmanager", "http")}");
            Assert.True(added.ExitCode == 0, added.Output);
        }, TimeSpan.FromSeconds(60));

    [Fact]
    public async Task The_Watchdog_reaches_its_heartbeat() =>
        await AlertPath.AssertHeartbeatAsync(ReadReceivedAsync, stack.HeartbeatPath, TimeSpan.FromSeconds(60));

    private Task<ReceivedAlerts> ReadReceivedAsync() => Task.FromResult(stack.Receivers.Received);

    private async Task<ReceivedAlert> WaitForAsync(string status, DateTimeOffset since, TimeSpan timeout) =>
        (await Eventually.ReadAsync(
            () => Task.FromResult(stack.Inbox.Snapshot().FirstOrDefault(a =>
                a.AlertName == "ServiceDown" && a.Status == status && a.Labels.GetValueOrDefault("service") == "backend" && a.ReceivedAt >= since)),
            alert => alert is not null, timeout,
            _ => $"no ServiceDown {status} for backend in the inbox: {string.Join("; ", stack.Inbox.Snapshot().Select(a => $"{a.AlertName} {a.Status} {a.Labels.GetValueOrDefault("service")}"))}"))!;

    private static string? Label(JsonElement series, string name) =>
        series.GetProperty("metric").TryGetProperty(name, out var value) ? value.GetString() : null;
}
