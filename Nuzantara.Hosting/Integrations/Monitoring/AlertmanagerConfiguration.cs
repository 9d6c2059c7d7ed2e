using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nuzantara.Hosting.Orchestration;
using Nuzantara.Hosting.Orchestration.Process;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Nuzantara.Hosting.Monitoring;

/// <summary>
/// alertmanager.yml, one model for every mode (process and container runtimes, Compose, Kubernetes, the manifest):
/// every alert goes to a default webhook (the AppHost's alert inbox), critical alerts also to Slack and email, warnings
/// to Slack, info alerts only to the webhook, the Watchdog to its heartbeat URL. Slack and email come from settings
/// (environment variables); a missing or malformed one leaves its receiver out with a warning, so the configuration is
/// always valid. Secrets (the Slack URL, the SMTP password, the inbox's API key, the heartbeat URL) are never in the
/// configuration: Alertmanager reads each from a file in <see cref="SecretLayout.Directory"/> (<c>slack_api_url_file</c>,
/// <c>smtp_auth_password_file</c>, <c>credentials_file</c>, <c>url_file</c>), which the runtimes write readable by
/// Alertmanager's user alone and a deployment fills from its own secret store. No warning contains a setting's value.
/// </summary>
public static class AlertmanagerConfiguration
{
    public const string ConfigFileName = "alertmanager.yml";

    /// <summary>Notification texts, next to the configuration (Alertmanager resolves template paths from the config's folder).</summary>
    public const string TemplateFileName = "notifications.tmpl";

    /// <summary>Where a container's Alertmanager (local or deployed) finds its secret files.</summary>
    public const string ContainerSecretDirectory = "/etc/alertmanager/secrets";

    /// <summary>The settings read, by their environment variable names.</summary>
    public static class Settings
    {
        public const string SlackWebhookUrl = "SLACK_WEBHOOK_URL";
        public const string SlackChannel = "SLACK_CHANNEL";
        public const string EmailTo = "ALERT_EMAIL_TO";
        public const string SmtpSmarthost = "SMTP_SMARTHOST";
        public const string SmtpFrom = "SMTP_FROM";
        public const string SmtpUsername = "SMTP_USERNAME";
        public const string SmtpPassword = "SMTP_PASSWORD";

        /// <summary><c>false</c> for an SMTP relay without STARTTLS (a local test server); Alertmanager requires TLS by default.</summary>
        public const string SmtpRequireTls = "SMTP_REQUIRE_TLS";

        /// <summary>A heartbeat URL (healthchecks.io, Dead Man's Snitch…) that receives the Watchdog and pages when it stops.</summary>
        public const string WatchdogWebhookUrl = "WATCHDOG_WEBHOOK_URL";
    }

    /// <summary>The secret files, by name; a configuration references only those its receivers need.</summary>
    public static class SecretFiles
    {
        public const string SlackWebhookUrl = "slack-webhook-url";
        public const string SmtpPassword = "smtp-password";
        public const string WatchdogWebhookUrl = "watchdog-webhook-url";

        /// <summary>The bearer token the default webhook sends (the AppHost's API key for its inbox).</summary>
        public const string WebhookCredentials = "webhook-credentials";

        public static readonly IReadOnlyList<string> All = [SlackWebhookUrl, SmtpPassword, WatchdogWebhookUrl, WebhookCredentials];
    }

    /// <summary>Where Alertmanager finds the secret files, and whether it can read a webhook's URL from one.</summary>
    /// <param name="Directory">The folder of the secret files, as Alertmanager sees it.</param>
    /// <param name="WebhookUrlFromFile">
    /// Alertmanager 0.26 and later read a webhook URL from a file (<c>url_file</c>), as the pinned image does; Debian 12's
    /// 0.25, which the process runtime runs, does not: there (and in the container runtime, which keeps its layout) the
    /// heartbeat URL is written into the configuration, which the runtimes keep as private as the secret files.
    /// </param>
    public sealed record SecretLayout(string Directory, bool WebhookUrlFromFile)
    {
        public string PathOf(string secretFile) => $"{Directory.TrimEnd('/')}/{secretFile}";
    }

    public static class Receivers
    {
        public const string Default = "default";
        public const string Watchdog = "watchdog";
        public const string SlackCritical = "slack-critical";
        public const string SlackWarning = "slack-warning";
        public const string EmailCritical = "email-critical";
    }

    /// <param name="Yaml">The configuration; it contains no secret unless the layout cannot take the heartbeat URL from a file.</param>
    /// <param name="Warnings">Receivers left out and why, naming settings but never their values.</param>
    /// <param name="Secrets">The secret files the configuration reads (<see cref="SecretFiles"/>), with their values.</param>
    public sealed record Result(string Yaml, IReadOnlyList<string> Warnings, IReadOnlyDictionary<string, string> Secrets);

    /// <summary>The AppHost's alert inbox on its dashboard port, or null when the dashboard is off.</summary>
    public static string? AlertInboxUrl(HostingOptions options)
    {
        if (options.DashboardPort <= 0)
        {
            return null;
        }

        var host = options.BindAddress is "0.0.0.0" or "::" or "[::]" ? "127.0.0.1" : options.BindAddress;
        return $"http://{host}:{options.DashboardPort}/api/alerts";
    }

    /// <param name="webhookUrl">The default receiver's URL; null leaves the default receiver without an integration.</param>
    /// <param name="webhookBearerToken">Sent as <c>Authorization: Bearer</c> to the default webhook (the AppHost's API key for its inbox).</param>
    /// <param name="options">Grouping timers.</param>
    /// <param name="setting">Reads a setting by its environment variable name (<see cref="Settings"/>); null or blank is absent.</param>
    /// <param name="secrets">Where the configuration tells Alertmanager to read the secret files from.</param>
    public static Result Render(string? webhookUrl, string? webhookBearerToken, AlertmanagerOptions options, Func<string, string?> setting, SecretLayout secrets)
    {
        var warnings = new List<string>();
        var secretFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Read(string key) => setting(key) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        var webhook = webhookUrl is not null && IsHttpUrl(webhookUrl) ? webhookUrl : null;
        if (webhook is null)
        {
            warnings.Add(webhookUrl is null
                ? "no default webhook (no AppHost dashboard to receive alerts): alerts without Slack or e-mail are only visible in Alertmanager"
                : "the default webhook URL is not an http(s) URL: alerts without Slack or e-mail are only visible in Alertmanager");
        }

        if (webhook is not null && webhookBearerToken is not null)
        {
            secretFiles[SecretFiles.WebhookCredentials] = webhookBearerToken;
        }

        var slackUrl = ReadSlack(Read, warnings);
        var email = ReadEmail(Read, warnings);
        var watchdogUrl = Read(Settings.WatchdogWebhookUrl);
        if (watchdogUrl is not null && !IsHttpUrl(watchdogUrl))
        {
            warnings.Add($"{Settings.WatchdogWebhookUrl} is not an http(s) URL: the Watchdog goes nowhere until it is fixed");
            watchdogUrl = null;
        }

        if (slackUrl is not null)
        {
            secretFiles[SecretFiles.SlackWebhookUrl] = slackUrl;
        }

        if (email?.Password is { } smtpPassword)
        {
            secretFiles[SecretFiles.SmtpPassword] = smtpPassword;
        }

        if (watchdogUrl is not null && secrets.WebhookUrlFromFile)
        {
            secretFiles[SecretFiles.WatchdogWebhookUrl] = watchdogUrl;
        }

        var global = new Dictionary<string, object> { ["resolve_timeout"] = "5m" };
        if (slackUrl is not null)
        {
            global["slack_api_url_file"] = secrets.PathOf(SecretFiles.SlackWebhookUrl);
        }

        if (email is not null)
        {
            global["smtp_smarthost"] = email.Smarthost;
            global["smtp_from"] = email.From;
            global["smtp_require_tls"] = email.RequireTls;
            if (email.Username is not null)
            {
                global["smtp_auth_username"] = email.Username;
                global["smtp_auth_password_file"] = secrets.PathOf(SecretFiles.SmtpPassword);
            }
        }

        var routes = new List<object>
        {
            // Repeated every minute so that an external heartbeat notices within minutes when it stops.
            Route(Receivers.Watchdog, "alertname=\"Watchdog\"", extra: new() { ["group_wait"] = "0s", ["group_interval"] = "1m", ["repeat_interval"] = "1m" }),
        };
        var receivers = new List<object>
        {
            Webhook(Receivers.Default, webhook is null ? null : new Dictionary<string, object> { ["url"] = webhook },
                secretFiles.ContainsKey(SecretFiles.WebhookCredentials) ? secrets.PathOf(SecretFiles.WebhookCredentials) : null),
            Webhook(Receivers.Watchdog, watchdogUrl is null ? null : secretFiles.ContainsKey(SecretFiles.WatchdogWebhookUrl)
                ? new Dictionary<string, object> { ["url_file"] = secrets.PathOf(SecretFiles.WatchdogWebhookUrl) }
                : new Dictionary<string, object> { ["url"] = watchdogUrl }, credentialsFile: null),
        };
        if (slackUrl is not null)
        {
            routes.Add(Route(Receivers.SlackCritical, "severity=\"critical\"", @continue: true));
            receivers.Add(Slack(Receivers.SlackCritical, Read(Settings.SlackChannel)));
        }

        if (email is not null)
        {
            routes.Add(Route(Receivers.EmailCritical, "severity=\"critical\"", @continue: true));
            receivers.Add(new Dictionary<string, object>
            {
                ["name"] = Receivers.EmailCritical,
                ["email_configs"] = new[]
                {
                    new Dictionary<string, object>
                    {
                        ["to"] = email.To,
                        ["send_resolved"] = true,
                        ["headers"] = new Dictionary<string, string> { ["Subject"] = "{{ template \"nuzantara.title\" . }}" },
                    },
                },
            });
        }

        if (slackUrl is not null)
        {
            routes.Add(Route(Receivers.SlackWarning, "severity=\"warning\"", @continue: true));
            receivers.Add(Slack(Receivers.SlackWarning, Read(Settings.SlackChannel)));
        }

        // Every alert also reaches the default webhook (the inbox locally), so one place shows them all. The root
        // receiver only takes alerts no route matched, hence this last catch-all route after the continuing ones.
        routes.Add(Route(Receivers.Default, "severity=~\"critical|warning|info\""));

        var config = new Dictionary<string, object>
        {
            ["global"] = global,
            ["templates"] = new[] { TemplateFileName },
            ["route"] = new Dictionary<string, object>
            {
                ["receiver"] = Receivers.Default,
                ["group_by"] = new[] { "alertname", "cluster", "service" },
                ["group_wait"] = PrometheusDuration.Format(options.GroupWait),
                ["group_interval"] = PrometheusDuration.Format(options.GroupInterval),
                ["repeat_interval"] = "12h",
                ["routes"] = routes,
            },
            ["receivers"] = receivers,
            ["inhibit_rules"] = new[]
            {
                // A critical alert silences the warning of the same name for the same service (severity ladders).
                new Dictionary<string, object>
                {
                    ["source_matchers"] = new[] { "severity=\"critical\"" },
                    ["target_matchers"] = new[] { "severity=\"warning\"" },
                    ["equal"] = new[] { "alertname", "service" },
                },
                // A service that is down explains its other symptoms: its warnings wait until it is back.
                new Dictionary<string, object>
                {
                    ["source_matchers"] = new[] { "alertname=~\"ServiceDown|RedisDown|PostgresDown\"" },
                    ["target_matchers"] = new[] { "severity=\"warning\"" },
                    ["equal"] = new[] { "service" },
                },
                // The two error-rate alerts are one ladder under two names: above 10 % only the critical one speaks.
                new Dictionary<string, object>
                {
                    ["source_matchers"] = new[] { "alertname=\"CriticalErrorRate\"" },
                    ["target_matchers"] = new[] { "alertname=\"HighErrorRate\"" },
                    ["equal"] = new[] { "service" },
                },
            },
        };

        var yaml = Header + new SerializerBuilder().WithNamingConvention(NullNamingConvention.Instance).Build().Serialize(config);
        return new Result(yaml, warnings, secretFiles);
    }

    /// <summary>
    /// Renders from the AppHost's settings (environment variables, appsettings, command line) with the AppHost's alert
    /// inbox as the default webhook when an AppHost runs (publishing runs none), and logs each warning.
    /// </summary>
    public static Result Render(IServiceProvider services, string resourceName, SecretLayout secrets, bool logWarnings = true)
    {
        var settings = services.GetRequiredService<IConfiguration>();
        var options = settings.GetSection(AlertmanagerOptions.SectionName).Get<AlertmanagerOptions>() ?? new AlertmanagerOptions();
        // Publishing runs no AppHost, so there is no inbox (nor its API key) for a deployed Alertmanager to call.
        var otlp = services.GetService<OtlpSettings>();
        var inbox = otlp is null ? null : AlertInboxUrl(services.GetRequiredService<HostingOptions>());
        var result = Render(inbox, otlp?.ApiKey, options, key => settings[key], secrets);
        if (logWarnings)
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AlertmanagerConfiguration));
            foreach (var warning in result.Warnings)
            {
                logger.LogWarning("Alertmanager '{Resource}': {Warning}", resourceName, warning);
            }
        }

        return result;
    }

    /// <summary>
    /// Writes <see cref="ConfigFileName"/> and <see cref="TemplateFileName"/> into <paramref name="directory"/> and the
    /// secret files into <paramref name="secretDirectory"/>, each 0600 (only Alertmanager's user reads them); secret files
    /// the configuration no longer uses are removed.
    /// </summary>
    public static async Task WriteAsync(string directory, string secretDirectory, Result configuration, CancellationToken cancellationToken)
    {
        await NativePaths.WriteSecretFileAsync(Path.Combine(directory, ConfigFileName), configuration.Yaml, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, TemplateFileName), NotificationTemplate, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(secretDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var name in SecretFiles.All)
        {
            var path = Path.Combine(secretDirectory, name);
            if (configuration.Secrets.TryGetValue(name, out var value))
            {
                await NativePaths.WriteSecretFileAsync(path, value, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>Titles and texts of Slack messages and e-mail subjects (e-mail bodies use Alertmanager's default HTML).</summary>
    public const string NotificationTemplate = """
        {{/* Notification texts of Nuzantara's generated alertmanager.yml. Generated by Nuzantara.Hosting; edits are overwritten at every start. */}}

        {{ define "nuzantara.title" -}}
        [{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .CommonLabels.alertname }}{{ with .CommonLabels.service }} on {{ . }}{{ end }}{{ with .CommonLabels.environment }} ({{ . }}){{ end }}
        {{- end }}

        {{ define "nuzantara.text" -}}
        {{ range .Alerts -}}
        *{{ .Labels.severity }}*{{ if eq .Status "resolved" }} (resolved){{ end }} {{ .Annotations.summary }}
        {{ .Annotations.description }}{{ with .Annotations.runbook_url }}
        Runbook: {{ . }}{{ end }}
        {{ end -}}
        {{- end }}

        {{ define "nuzantara.color" -}}
        {{ if eq .Status "resolved" }}good{{ else if eq .CommonLabels.severity "critical" }}danger{{ else }}warning{{ end }}
        {{- end }}

        """;

    private const string Header = "# Generated by Nuzantara.Hosting from the application model (Slack and e-mail from the environment, secrets read from files); edits are overwritten.\n";

    private sealed record Email(string To, string Smarthost, string From, string? Username, string? Password, bool RequireTls);

    private static string? ReadSlack(Func<string, string?> read, List<string> warnings)
    {
        var url = read(Settings.SlackWebhookUrl);
        if (url is null)
        {
            warnings.Add($"{Settings.SlackWebhookUrl} is not set: no Slack notifications (critical and warning alerts go to the default webhook)");
            return null;
        }

        if (!IsHttpUrl(url))
        {
            warnings.Add($"{Settings.SlackWebhookUrl} is not an http(s) URL: no Slack notifications until it is fixed");
            return null;
        }

        return url;
    }

    private static Email? ReadEmail(Func<string, string?> read, List<string> warnings)
    {
        string[] required = [Settings.EmailTo, Settings.SmtpSmarthost, Settings.SmtpFrom];
        var missing = required.Where(key => read(key) is null).ToList();
        if (missing.Count > 0)
        {
            warnings.Add($"{string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not set: no e-mail for critical alerts (needs {string.Join(", ", required)})");
            return null;
        }

        var smarthost = read(Settings.SmtpSmarthost)!;
        var colon = smarthost.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(smarthost[(colon + 1)..], out var smtpPort) || smtpPort is < 1 or > 65535)
        {
            warnings.Add($"{Settings.SmtpSmarthost} is not host:port: no e-mail for critical alerts until it is fixed");
            return null;
        }

        var from = read(Settings.SmtpFrom)!;
        var to = read(Settings.EmailTo)!;
        if (!from.Contains('@') || !to.Contains('@'))
        {
            warnings.Add($"{(from.Contains('@') ? Settings.EmailTo : Settings.SmtpFrom)} is not an e-mail address: no e-mail for critical alerts until it is fixed");
            return null;
        }

        var username = read(Settings.SmtpUsername);
        var password = read(Settings.SmtpPassword);
        if ((username is null) != (password is null))
        {
            warnings.Add($"{(username is null ? Settings.SmtpPassword : Settings.SmtpUsername)} is set without {(username is null ? Settings.SmtpUsername : Settings.SmtpPassword)}: e-mail is sent without SMTP authentication");
            username = password = null;
        }

        var requireTls = !string.Equals(read(Settings.SmtpRequireTls), "false", StringComparison.OrdinalIgnoreCase);
        return new Email(to, smarthost, from, username, password, requireTls);
    }

    private static Dictionary<string, object> Route(string receiver, string matcher, bool @continue = false, Dictionary<string, object>? extra = null)
    {
        var route = new Dictionary<string, object> { ["receiver"] = receiver, ["matchers"] = new[] { matcher } };
        if (@continue)
        {
            route["continue"] = true;
        }

        foreach (var (key, value) in extra ?? [])
        {
            route[key] = value;
        }

        return route;
    }

    /// <summary>A receiver with one webhook (its <c>url</c> or <c>url_file</c>), or none (Alertmanager's "null" receiver).</summary>
    private static Dictionary<string, object> Webhook(string name, Dictionary<string, object>? target, string? credentialsFile)
    {
        var receiver = new Dictionary<string, object> { ["name"] = name };
        if (target is not null)
        {
            var webhook = new Dictionary<string, object>(target) { ["send_resolved"] = true };
            if (credentialsFile is not null)
            {
                // authorization.type defaults to Bearer.
                webhook["http_config"] = new Dictionary<string, object> { ["authorization"] = new Dictionary<string, string> { ["credentials_file"] = credentialsFile } };
            }

            receiver["webhook_configs"] = new[] { webhook };
        }

        return receiver;
    }

    private static Dictionary<string, object> Slack(string name, string? channel)
    {
        var slack = new Dictionary<string, object>
        {
            ["send_resolved"] = true,
            ["title"] = "{{ template \"nuzantara.title\" . }}",
            ["text"] = "{{ template \"nuzantara.text\" . }}",
            ["color"] = "{{ template \"nuzantara.color\" . }}",
        };
        if (channel is not null)
        {
            slack["channel"] = channel;
        }

        return new Dictionary<string, object> { ["name"] = name, ["slack_configs"] = new[] { slack } };
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host);
}
