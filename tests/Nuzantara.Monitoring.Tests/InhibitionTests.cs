using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Nuzantara.Fixtures.AlertReceivers;
using Nuzantara.Hosting.Monitoring;
using Nuzantara.Hosting.Orchestration;
using Nuzantara.Tests;

namespace Nuzantara.Monitoring.Tests;

/// <summary>
/// What reaches whom when a burst of alerts arrives at a real Alertmanager with the generated configuration: a service
/// that is down silences its own warnings, CriticalErrorRate silences HighErrorRate, and everything else is delivered
/// to Slack and, when critical, by e-mail.
/// </summary>
public sealed class InhibitionTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nuzantara-inhibition-").FullName;
    private readonly string _slackPath = AlertPath.NewSlackPath();
    private AlertReceivers _receivers = null!;
    private Process? _alertmanager;
    private Uri _alertmanagerUrl = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await MonitoringTools.EnsureAlertmanagerAsync(Token);
        _receivers = await AlertReceivers.StartAsync("127.0.0.1", httpPort: 0, PortAllocator.FreePort(), smtpAccount: null, Token);
        var settings = new Dictionary<string, string>
        {
            ["SLACK_WEBHOOK_URL"] = $"{_receivers.HttpAddress}/slack/{_slackPath}",
            ["ALERT_EMAIL_TO"] = AlertPath.OnCallAddress,
            ["SMTP_SMARTHOST"] = $"127.0.0.1:{_receivers.SmtpPort}",
            ["SMTP_FROM"] = "alerts@example.com",
            ["SMTP_REQUIRE_TLS"] = "false",
        };
        var secrets = Path.Combine(_directory, "secrets");
        var configuration = AlertmanagerConfiguration.Render(webhookUrl: null, webhookBearerToken: null,
            new AlertmanagerOptions { GroupWait = TimeSpan.FromSeconds(1), GroupInterval = TimeSpan.FromSeconds(1) }, settings.GetValueOrDefault,
            new AlertmanagerConfiguration.SecretLayout(secrets, WebhookUrlFromFile: false));
        await AlertmanagerConfiguration.WriteAsync(_directory, secrets, configuration, Token);

        var port = PortAllocator.FreePort();
        _alertmanagerUrl = new Uri($"http://127.0.0.1:{port}");
        _alertmanager = Process.Start(new ProcessStartInfo("prometheus-alertmanager",
        [
            $"--config.file={Path.Combine(_directory, AlertmanagerConfiguration.ConfigFileName)}", $"--storage.path={Path.Combine(_directory, "data")}",
            $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=",
        ]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        using var http = new HttpClient();
        await Eventually.ReadAsync(async () =>
        {
            try
            {
                return (await http.GetAsync(new Uri(_alertmanagerUrl, "/-/ready"), Token)).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, ready => ready, TimeSpan.FromSeconds(30), _ => "Alertmanager not ready");
    }

    public async ValueTask DisposeAsync()
    {
        if (_alertmanager is not null)
        {
            _alertmanager.Kill();
            await _alertmanager.WaitForExitAsync();
            _alertmanager.Dispose();
        }

        await _receivers.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_down_service_silences_its_warnings_and_critical_error_rate_silences_high_error_rate()
    {
        var burst = new[]
        {
            Alert("ServiceDown", "critical", "backend"),
            Alert("HighResponseTime", "warning", "backend"),
            Alert("HighActiveConnections", "warning", "backend"),
            Alert("CriticalErrorRate", "critical", "orchestrator"),
            Alert("HighErrorRate", "warning", "orchestrator"),
            Alert("HighResponseTime", "warning", "orchestrator"),
        };
        using var http = new HttpClient();
        (await http.PostAsJsonAsync(new Uri(_alertmanagerUrl, "/api/v2/alerts"), burst, Token)).EnsureSuccessStatusCode();

        // Alertmanager's own account: which alerts it holds back, and by which.
        var states = await Eventually.ReadAsync(async () => await AlertStatesAsync(http), s => s.Count == burst.Length, TimeSpan.FromSeconds(30),
            s => $"Alertmanager holds {s.Count} of {burst.Length} alerts");
        Assert.Equal(
            ["HighActiveConnections backend", "HighErrorRate orchestrator", "HighResponseTime backend"],
            states.Where(s => s.Value == "suppressed").Select(s => s.Key).Order());

        string[] slack = ["[FIRING:1] ServiceDown on backend", "[FIRING:1] CriticalErrorRate on orchestrator", "[FIRING:1] HighResponseTime on orchestrator"];
        string[] email = ["[FIRING:1] ServiceDown on backend", "[FIRING:1] CriticalErrorRate on orchestrator"];
        var received = await Eventually.ReadAsync(() => Task.FromResult(_receivers.Received),
            r => slack.All(t => r.Slack.Any(m => m.Title.StartsWith(t, StringComparison.Ordinal))) && email.All(t => r.Email.Any(m => m.Subject.StartsWith(t, StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30), r => $"not everything expected arrived: {r}");
        Assert.Equal(slack.Order(), received.Slack.Select(m => m.Title[..m.Title.IndexOf(" (", StringComparison.Ordinal)]).Order());
        Assert.Equal(email.Order(), received.Email.Select(m => m.Subject[..m.Subject.IndexOf(" (", StringComparison.Ordinal)]).Order());
    }

    private static object Alert(string name, string severity, string service) => new
    {
        labels = new Dictionary<string, string> { ["alertname"] = name, ["severity"] = severity, ["service"] = service, ["cluster"] = "nuzantara.apphost", ["environment"] = "test" },
    };

    private async Task<Dictionary<string, string>> AlertStatesAsync(HttpClient http)
    {
        var alerts = await http.GetFromJsonAsync<JsonElement>(new Uri(_alertmanagerUrl, "/api/v2/alerts"), Token);
        return alerts.EnumerateArray().ToDictionary(
            a => $"{a.GetProperty("labels").GetProperty("alertname").GetString()} {a.GetProperty("labels").GetProperty("service").GetString()}",
            a => a.GetProperty("status").GetProperty("state").GetString()!);
    }
}
