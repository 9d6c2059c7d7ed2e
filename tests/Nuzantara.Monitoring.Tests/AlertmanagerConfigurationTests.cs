using Nuzantara.Hosting.Monitoring;

namespace Nuzantara.Monitoring.Tests;

/// <summary>The generated alertmanager.yml, checked and routed by Alertmanager's own amtool.</summary>
public sealed class AlertmanagerConfigurationTests : IDisposable
{
    private const string InboxUrl = "http://127.0.0.1:18888/api/alerts";
    private const string SlackUrl = "https://hooks.slack.com/services/T000/B000/slack-secret-token";
    private const string SmtpPassword = "smtp-secret-password";
    private const string ApiKey = "inbox-secret-api-key";
    private const string HeartbeatUrl = "https://hc-ping.example.com/heartbeat-secret-uuid";

    private static readonly Dictionary<string, string> Everything = new()
    {
        ["SLACK_WEBHOOK_URL"] = SlackUrl,
        ["ALERT_EMAIL_TO"] = "oncall@example.com",
        ["SMTP_SMARTHOST"] = "smtp.example.com:587",
        ["SMTP_FROM"] = "alerts@example.com",
        ["SMTP_USERNAME"] = "alerts",
        ["SMTP_PASSWORD"] = SmtpPassword,
        ["WATCHDOG_WEBHOOK_URL"] = HeartbeatUrl,
    };

    private readonly string _directory = Directory.CreateTempSubdirectory("nuzantara-alertmanager-").FullName;

    private string SecretDirectory => Path.Combine(_directory, "secrets");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("critical", "slack-critical,email-critical,default")]
    [InlineData("warning", "slack-warning,default")]
    [InlineData("info", "default")]
    public async Task With_Slack_and_email_each_severity_reaches_its_receivers(string severity, string receivers)
    {
        var config = await WriteAsync(Render(Everything));

        await AssertRoutesAsync(config, receivers, $"alertname=ServiceDown", $"severity={severity}", "service=backend");
    }

    [Theory]
    [InlineData("critical")]
    [InlineData("warning")]
    [InlineData("info")]
    public async Task Without_Slack_and_email_every_severity_reaches_the_inbox_and_the_config_stays_valid(string severity)
    {
        var result = Render([]);
        var config = await WriteAsync(result);

        await AssertRoutesAsync(config, "default", "alertname=ServiceDown", $"severity={severity}", "service=backend");
        Assert.Contains(result.Warnings, w => w.Contains("SLACK_WEBHOOK_URL is not set", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("ALERT_EMAIL_TO, SMTP_SMARTHOST, SMTP_FROM are not set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_Watchdog_goes_to_its_own_receiver_only()
    {
        var config = await WriteAsync(Render(Everything));

        await AssertRoutesAsync(config, "watchdog", "alertname=Watchdog", "severity=none");
    }

    [Fact]
    public async Task Secrets_are_files_only_their_owner_reads_and_the_configuration_names_them_without_their_values()
    {
        var config = await WriteAsync(Render(Everything));
        var yaml = await File.ReadAllTextAsync(config, Token);

        Assert.Contains($"url: {InboxUrl}", yaml);
        Assert.Contains($"credentials_file: {SecretDirectory}/webhook-credentials", yaml);
        Assert.Contains($"slack_api_url_file: {SecretDirectory}/slack-webhook-url", yaml);
        Assert.Contains($"smtp_auth_password_file: {SecretDirectory}/smtp-password", yaml);
        Assert.DoesNotContain(ApiKey, yaml);
        Assert.DoesNotContain(SlackUrl, yaml);
        Assert.DoesNotContain(SmtpPassword, yaml);
        Assert.Equal(ApiKey, await File.ReadAllTextAsync(Path.Combine(SecretDirectory, "webhook-credentials"), Token));
        Assert.Equal(SlackUrl, await File.ReadAllTextAsync(Path.Combine(SecretDirectory, "slack-webhook-url"), Token));
        Assert.Equal(SmtpPassword, await File.ReadAllTextAsync(Path.Combine(SecretDirectory, "smtp-password"), Token));
        var ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(ownerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(SecretDirectory));
        Assert.All(Directory.GetFiles(SecretDirectory).Append(config), f => Assert.Equal(ownerOnly, File.GetUnixFileMode(f)));
    }

    [Fact]
    public void Debian_12s_Alertmanager_gets_the_heartbeat_url_in_its_private_configuration_and_a_newer_one_from_a_file()
    {
        var local = Render(Everything);
        var deployed = AlertmanagerConfiguration.Render(webhookUrl: null, webhookBearerToken: null, new AlertmanagerOptions(), Everything.GetValueOrDefault,
            new AlertmanagerConfiguration.SecretLayout("/etc/alertmanager/secrets", WebhookUrlFromFile: true));

        Assert.Contains($"url: {HeartbeatUrl}", local.Yaml);
        Assert.DoesNotContain(HeartbeatUrl, deployed.Yaml);
        Assert.Contains("url_file: /etc/alertmanager/secrets/watchdog-webhook-url", deployed.Yaml);
        Assert.Equal(HeartbeatUrl, deployed.Secrets["watchdog-webhook-url"]);
        Assert.DoesNotContain("webhook-credentials", deployed.Yaml);
    }

    [Fact]
    public async Task A_secret_no_longer_configured_loses_its_file()
    {
        await WriteAsync(Render(Everything));
        await WriteAsync(Render(new Dictionary<string, string>(Everything) { ["SLACK_WEBHOOK_URL"] = "" }));

        Assert.False(File.Exists(Path.Combine(SecretDirectory, "slack-webhook-url")));
        Assert.True(File.Exists(Path.Combine(SecretDirectory, "smtp-password")));
    }

    [Fact]
    public async Task Grouping_timers_come_from_the_options_and_critical_inhibits_warning_of_the_same_alert_and_service()
    {
        var result = AlertmanagerConfiguration.Render(InboxUrl, ApiKey,
            new AlertmanagerOptions { GroupWait = TimeSpan.FromMilliseconds(500), GroupInterval = TimeSpan.FromSeconds(2) }, _ => null, Layout);
        await AssertValidAsync(await WriteAsync(result));

        Assert.Contains("group_wait: 500ms", result.Yaml);
        Assert.Contains("group_interval: 2s", result.Yaml);
        Assert.Contains("repeat_interval: 12h", result.Yaml);
        Assert.Contains("group_by:\n  - alertname\n  - cluster\n  - service", result.Yaml);
        Assert.Contains("source_matchers:\n  - severity=\"critical\"\n  target_matchers:\n  - severity=\"warning\"\n  equal:\n  - alertname\n  - service", result.Yaml);
    }

    [Fact]
    public void Malformed_settings_leave_their_receiver_out_and_no_warning_repeats_a_secret()
    {
        var result = Render(new()
        {
            ["SLACK_WEBHOOK_URL"] = "slack-secret-token-without-scheme",
            ["ALERT_EMAIL_TO"] = "oncall@example.com",
            ["SMTP_SMARTHOST"] = "smtp.example.com",
            ["SMTP_FROM"] = "alerts@example.com",
            ["SMTP_PASSWORD"] = SmtpPassword,
        });

        Assert.DoesNotContain("slack_configs", result.Yaml);
        Assert.DoesNotContain("email_configs", result.Yaml);
        Assert.NotEmpty(result.Warnings);
        Assert.All(result.Warnings, w =>
        {
            Assert.DoesNotContain("slack-secret-token", w);
            Assert.DoesNotContain(SmtpPassword, w);
            Assert.DoesNotContain(ApiKey, w);
        });
    }

    private AlertmanagerConfiguration.SecretLayout Layout => new(SecretDirectory, WebhookUrlFromFile: false);

    private AlertmanagerConfiguration.Result Render(Dictionary<string, string> settings) =>
        AlertmanagerConfiguration.Render(InboxUrl, ApiKey, new AlertmanagerOptions(), key => settings.GetValueOrDefault(key), Layout);

    private async Task<string> WriteAsync(AlertmanagerConfiguration.Result result)
    {
        await AlertmanagerConfiguration.WriteAsync(_directory, SecretDirectory, result, Token);
        return Path.Combine(_directory, AlertmanagerConfiguration.ConfigFileName);
    }

    private static async Task AssertValidAsync(string config)
    {
        var check = await MonitoringTools.AmtoolAsync(Token, "check-config", config);
        Assert.True(check.ExitCode == 0, check.Output);
    }

    private static async Task AssertRoutesAsync(string config, string receivers, params string[] labels)
    {
        await AssertValidAsync(config);
        var routes = await MonitoringTools.AmtoolAsync(Token, ["config", "routes", "test", $"--config.file={config}", $"--verify.receivers={receivers}", .. labels]);
        Assert.True(routes.ExitCode == 0, routes.Output);
    }
}
