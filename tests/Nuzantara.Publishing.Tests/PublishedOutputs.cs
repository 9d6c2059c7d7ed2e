using System.Security.Cryptography;
using System.Text.Json.Nodes;

[assembly: AssemblyFixture(typeof(Nuzantara.Publishing.Tests.PublishedOutputs))]

namespace Nuzantara.Publishing.Tests;

/// <summary>
/// The AppHost published once with each publisher into a temporary folder, with a secrets store that already holds
/// the generated passwords, as on a developer's machine that has run the stack, and with every secret setting in its
/// environment (Slack, e-mail, the watchdog, Grafana Cloud, Sentry): publishing must copy none of them.
/// </summary>
public sealed class PublishedOutputs : IAsyncLifetime
{
    public static readonly string[] Publishers = ["manifest", "docker-compose", "kubernetes"];

    public string Root { get; } = Directory.CreateTempSubdirectory("nuzantara-publish-").FullName;

    public string SecretsPath => Path.Combine(Root, "secrets", "secrets.json");

    public IReadOnlyList<string> SecretValues { get; private set; } = [];

    /// <summary>
    /// The secret settings the AppHost reads from its environment, with fake values; each holds a random part, so that
    /// finding one in an output cannot be a coincidence. Grafana Cloud's settings make the AppHost declare Alloy.
    /// </summary>
    public IReadOnlyDictionary<string, string> SecretSettings { get; } = FakeSecretSettings(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));

    public string OutputOf(string publisher) => Path.Combine(Root, publisher);

    /// <summary>Every file a publisher wrote, by path relative to its output folder ('/' separators).</summary>
    public IReadOnlyDictionary<string, string> FilesOf(string publisher)
    {
        var root = OutputOf(publisher);
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText, StringComparer.Ordinal);
    }

    public async ValueTask InitializeAsync()
    {
        // Long and random, so that finding one in an output cannot be a coincidence.
        var secrets = new JsonObject
        {
            ["Parameters:redis-password"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ["Parameters:postgres-password"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(SecretsPath)!);
        await File.WriteAllTextAsync(SecretsPath, secrets.ToJsonString(), TestContext.Current.CancellationToken);
        SecretValues = [.. secrets.Select(s => s.Value!.GetValue<string>())];

        foreach (var publisher in Publishers)
        {
            // The secrets are both in the store and in configuration, the two places the AppHost takes them from when it runs.
            var result = await AppHost.RunAsync(SecretSettings, "--publisher", publisher, "--output-path", OutputOf(publisher),
                "--Nuzantara:SecretsPath", SecretsPath, "--Nuzantara:StateDirectory", Path.Combine(Root, "state"),
                "--Parameters:redis-password", SecretValues[0], "--Parameters:postgres-password", SecretValues[1]);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"Publishing with '{publisher}' exited {result.ExitCode}:{Environment.NewLine}{result.Output}");
            }
        }
    }

    private static Dictionary<string, string> FakeSecretSettings(string random) => new(StringComparer.Ordinal)
    {
        ["SLACK_WEBHOOK_URL"] = $"https://hooks.slack.example/services/{random}-slack",
        ["SMTP_SMARTHOST"] = $"smtp-{random}.example:587",
        ["SMTP_FROM"] = $"alerts-{random}@example.org",
        ["SMTP_USERNAME"] = $"smtp-user-{random}",
        ["SMTP_PASSWORD"] = $"smtp-password-{random}",
        ["ALERT_EMAIL_TO"] = $"oncall-{random}@example.org",
        ["WATCHDOG_WEBHOOK_URL"] = $"https://hc-ping.example/{random}-watchdog",
        ["GRAFANA_USERNAME"] = $"grafana-user-{random}",
        ["GRAFANA_API_KEY"] = $"glc_grafana-key-{random}",
        ["GRAFANA_PROMETHEUS_URL"] = $"https://prometheus-{random}.grafana.example/api/prom/push",
        ["GRAFANA_OTLP_URL"] = $"https://otlp-gateway-{random}.grafana.example/otlp",
        ["GRAFANA_OTLP_USERNAME"] = $"grafana-otlp-user-{random}",
        ["SENTRY_DSN"] = $"https://sentry-key-{random}@sentry.example/1",
    };

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return ValueTask.CompletedTask;
    }
}
