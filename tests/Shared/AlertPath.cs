using Nuzantara.Fixtures.AlertReceivers;

namespace Nuzantara.Tests;

/// <summary>
/// The production alert path as an on-call engineer sees it, the same in every mode: the settings that point
/// Alertmanager at the Slack and SMTP stand-ins, and what must arrive there when a service goes down and comes back.
/// </summary>
public static class AlertPath
{
    /// <summary>
    /// Alerting at test speed through the settings a user has: scrape every 2 s (the AppHost's /metrics reads /proc for
    /// every resource and can take over a second on a busy machine; Prometheus caps the scrape timeout at the interval),
    /// evaluate every second, resend a firing alert after five (the Watchdog's first heartbeat comes one resend delay after the
    /// start), notify a new group after one second and its changes every second.
    /// </summary>
    public static readonly string[] FastAlerting =
    [
        "--Nuzantara:Prometheus:ScrapeInterval=00:00:02",
        "--Nuzantara:Prometheus:EvaluationInterval=00:00:01",
        "--Nuzantara:Prometheus:AlertResendDelay=00:00:05",
        "--Nuzantara:Alertmanager:GroupWait=00:00:01",
        "--Nuzantara:Alertmanager:GroupInterval=00:00:01",
    ];

    public const string OnCallAddress = "oncall@example.com";
    public const string SmtpUser = "alerts";

    /// <summary>
    /// The AppHost's settings for Slack, e-mail and the heartbeat; the Slack URL ends in a token generated per run, and
    /// the relay requires <paramref name="smtpPassword"/> when given: both reach Alertmanager only through its secret files.
    /// </summary>
    public static string[] Settings(string slackWebhookUrl, string smtpSmarthost, string? smtpPassword, string heartbeatUrl) =>
    [
        $"--WATCHDOG_WEBHOOK_URL={heartbeatUrl}",
        $"--SLACK_WEBHOOK_URL={slackWebhookUrl}",
        $"--ALERT_EMAIL_TO={OnCallAddress}",
        $"--SMTP_SMARTHOST={smtpSmarthost}",
        "--SMTP_FROM=alerts@example.com",
        .. smtpPassword is null ? Array.Empty<string>() : [$"--SMTP_USERNAME={SmtpUser}", $"--SMTP_PASSWORD={smtpPassword}"],
        "--SMTP_REQUIRE_TLS=false",
    ];

    /// <summary>A Slack path whose last segment is the secret token, as Slack's webhook URLs have.</summary>
    public static string NewSlackPath() => $"services/T0000/B0000/{Guid.NewGuid():N}";

    /// <summary>A heartbeat path with its secret part, as healthchecks.io's ping URLs have.</summary>
    public static string NewHeartbeatPath() => $"ping/{Guid.NewGuid():N}";

    /// <summary>The Watchdog, which always fires, reaches the heartbeat service (and only the Watchdog goes there).</summary>
    public static async Task AssertHeartbeatAsync(Func<Task<ReceivedAlerts>> read, string heartbeatPath, TimeSpan within)
    {
        var received = await Eventually.ReadAsync(read, r => r.Webhooks.Any(w => w.Path == heartbeatPath), within, r => $"no Watchdog at the heartbeat: {r}");
        Assert.All(received.Webhooks.Where(w => w.Path == heartbeatPath), w => Assert.Equal(["Watchdog"], w.AlertNames));
    }

    /// <summary>
    /// ServiceDown for <paramref name="service"/>, critical: on Slack (red, the runbook linked) and by e-mail to on-call
    /// with the labels; authenticated when <paramref name="authenticated"/>. Returns when both have arrived.
    /// </summary>
    public static async Task AssertFiringDeliveredAsync(Func<Task<ReceivedAlerts>> read, string slackPath, string service, bool authenticated, TimeSpan within)
    {
        var title = $"[FIRING:1] ServiceDown on {service}";
        var received = await Eventually.ReadAsync(read, r => Slack(r, slackPath, title).Any() && Emails(r, title).Any(), within, r => $"{title} not on Slack and by e-mail: {r}");
        var slack = Slack(received, slackPath, title).First();
        Assert.Equal("danger", slack.Color);
        Assert.Contains("*critical*", slack.Text);
        Assert.Contains("ServiceDown.md", slack.Text);
        var email = Emails(received, title).First();
        Assert.Equal([OnCallAddress], email.To);
        Assert.Equal(authenticated ? SmtpUser : null, email.User);
        Assert.Contains($"service = {service}", email.Body);
        Assert.Contains("severity = critical", email.Body);
        Assert.Empty(received.Refused);
    }

    /// <summary>The resolved ServiceDown on Slack (green) and by e-mail.</summary>
    public static async Task AssertResolvedDeliveredAsync(Func<Task<ReceivedAlerts>> read, string slackPath, string service, TimeSpan within)
    {
        var title = $"[RESOLVED] ServiceDown on {service}";
        var received = await Eventually.ReadAsync(read, r => Slack(r, slackPath, title).Any() && Emails(r, title).Any(), within, r => $"{title} not on Slack and by e-mail: {r}");
        Assert.Equal("good", Slack(received, slackPath, title).First().Color);
    }

    /// <summary>
    /// A warning, added as an operator checks the wiring (<c>amtool alert add</c>, or its API), reaches Slack in yellow and no
    /// e-mail is sent for it.
    /// </summary>
    public static async Task AssertWarningReachesSlackOnlyAsync(Func<Task<ReceivedAlerts>> read, string slackPath, Func<string, Task> addWarning, TimeSpan within)
    {
        var alertName = $"WiringCheck{Guid.NewGuid():N}";
        await addWarning(alertName);
        var title = $"[FIRING:1] {alertName}";
        var received = await Eventually.ReadAsync(read, r => Slack(r, slackPath, title).Any(), within, r => $"{title} not on Slack: {r}");
        Assert.Equal("warning", Slack(received, slackPath, title).First().Color);
        Assert.DoesNotContain(received.Email, e => e.Subject.Contains(alertName, StringComparison.Ordinal));
    }

    /// <summary>The labels of a warning <c>amtool alert add</c> would send, as Alertmanager's v2 API takes them.</summary>
    public static object WarningAlert(string alertName) =>
        new[] { new { labels = new Dictionary<string, string> { ["alertname"] = alertName, ["severity"] = "warning", ["service"] = "backend" }, annotations = new Dictionary<string, string> { ["summary"] = "Checking the alert wiring" } } };

    private static IEnumerable<SlackMessage> Slack(ReceivedAlerts received, string slackPath, string titleStart) =>
        received.Slack.Where(m => m.Path == slackPath && m.Title.StartsWith(titleStart, StringComparison.Ordinal));

    private static IEnumerable<EmailMessage> Emails(ReceivedAlerts received, string subjectStart) =>
        received.Email.Where(m => m.Subject.StartsWith(subjectStart, StringComparison.Ordinal));
}
