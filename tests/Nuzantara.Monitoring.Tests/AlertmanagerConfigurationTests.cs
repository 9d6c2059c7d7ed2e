using Nuzantara.Hosting.Monitoring;

namespace Nuzantara.Monitoring.Tests;

/// <summary>The generated alertmanager.yml, checked and routed by Alertmanager's own amtool.</summary>
public sealed class AlertmanagerConfigurationTests : IDisposable
{
    private const string InboxUrl = "http://127.0.0.1:18888/api/alerts";
    private const string SlackUrl = "https://hooks.slack.com/services/T000/B000/slack-secret-token";
    private const string SmtpPassword = "smtp-secret-password";
    private const string ApiKey = "inbox-secret-api-key";

    private static readonly Dictionary<string, string> Everything = new()
    {
        ["SLACK_WEBHOOK_URL"] = SlackUrl,
        ["ALERT_EMAIL_TO"] = "oncall@example.com",
        ["SMTP_SMARTHOST"] = "smtp.example.com:587",
        ["SMTP_FROM"] = "alerts@example.com",
        ["SMTP_USERNAME"] = "alerts",
        ["SMTP_PASSWORD"] = SmtpPassword,
    };

    private readonly string _directory = Directory.CreateTempSubdirectory("nuzantara-alertmanager-").FullName;

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
    public async Task The_inbox_webhook_carries_the_api_key_as_a_bearer_token_and_the_file_is_private()
    {
        var config = await WriteAsync(Render(Everything));
        var yaml = await File.ReadAllTextAsync(config, Token);

        Assert.Contains($"url: {InboxUrl}", yaml);
        Assert.Contains($"credentials: {ApiKey}", yaml);
        Assert.Contains(SlackUrl, yaml);
        Assert.Contains(SmtpPassword, yaml);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config));
    }

    [Fact]
    public async Task Grouping_timers_come_from_the_options_and_critical_inhibits_warning_of_the_same_alert_and_service()
    {
        var result = AlertmanagerConfiguration.Render(InboxUrl, ApiKey,
            new AlertmanagerOptions { GroupWait = TimeSpan.FromMilliseconds(500), GroupInterval = TimeSpan.FromSeconds(2) }, _ => null);
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

    [Fact]
    public void A_file_that_cannot_be_private_gets_no_secret_not_even_the_inbox_key()
    {
        var result = AlertmanagerConfiguration.Render(InboxUrl, ApiKey, new AlertmanagerOptions(), key => Everything.GetValueOrDefault(key), withSecrets: false);

        Assert.DoesNotContain(ApiKey, result.Yaml);
        Assert.DoesNotContain(SlackUrl, result.Yaml);
        Assert.DoesNotContain(SmtpPassword, result.Yaml);
        Assert.Contains(result.Warnings, w => w.Contains("API key", StringComparison.Ordinal));
    }

    private static AlertmanagerConfiguration.Result Render(Dictionary<string, string> settings) =>
        AlertmanagerConfiguration.Render(InboxUrl, ApiKey, new AlertmanagerOptions(), key => settings.GetValueOrDefault(key));

    private async Task<string> WriteAsync(AlertmanagerConfiguration.Result result)
    {
        await AlertmanagerConfiguration.WriteAsync(_directory, result, Token);
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
