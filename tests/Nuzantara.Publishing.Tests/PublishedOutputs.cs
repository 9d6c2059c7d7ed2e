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

    /// <summary>
    /// A copy of the Compose output filled in as an operator fills it: every empty <c>.env</c> value, and every secret
    /// file the Compose file reads from <c>secrets/</c>.
    /// </summary>
    public string FilledInComposeCopy()
    {
        var source = OutputOf("docker-compose");
        var directory = Path.Combine(Root, $"compose-filled-{Guid.NewGuid():N}");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(directory, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var env = File.ReadAllLines(Path.Combine(directory, ".env")).Select(l => l.EndsWith('=') && !l.StartsWith('#') ? l + "filled-in-by-the-test" : l);
        File.WriteAllLines(Path.Combine(directory, ".env"), env);
        Directory.CreateDirectory(Path.Combine(directory, "secrets"));
        foreach (var secret in File.ReadAllLines(Path.Combine(directory, "docker-compose.yaml")).Select(l => l.Trim()).Where(l => l.StartsWith("file: ./secrets/", StringComparison.Ordinal)))
        {
            File.WriteAllText(Path.Combine(directory, secret["file: ./".Length..]), "filled-in-by-the-test");
        }

        return directory;
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

        foreach (var publisher in AppHostProcess.Publishers)
        {
            // The secrets are both in the store and in configuration, the two places the AppHost takes them from when it runs.
            await AppHostProcess.PublishAsync(publisher, OutputOf(publisher), SecretSettings.Concat(PlainSettings).ToDictionary(),
                "--Nuzantara:SecretsPath", SecretsPath, "--Nuzantara:StateDirectory", Path.Combine(Root, "state"),
                "--Parameters:redis-password", SecretValues[0], "--Parameters:postgres-password", SecretValues[1]);
        }
    }

    private static Dictionary<string, string> FakeSecretSettings(string random) => new(StringComparer.Ordinal)
    {
        ["SLACK_WEBHOOK_URL"] = $"https://hooks.slack.example/services/{random}-slack",
        ["SMTP_PASSWORD"] = $"smtp-password-{random}",
        ["WATCHDOG_WEBHOOK_URL"] = $"https://hc-ping.example/{random}-watchdog",
        ["GRAFANA_USERNAME"] = $"grafana-user-{random}",
        ["GRAFANA_API_KEY"] = $"glc_grafana-key-{random}",
        ["GRAFANA_PROMETHEUS_URL"] = $"https://prometheus-{random}.grafana.example/api/prom/push",
        ["GRAFANA_OTLP_URL"] = $"https://otlp-gateway-{random}.grafana.example/otlp",
        ["GRAFANA_OTLP_USERNAME"] = $"grafana-otlp-user-{random}",
        ["SENTRY_DSN"] = $"https://sentry-key-{random}@sentry.example/1",
    };

    /// <summary>E-mail's settings that are not secret (they go into alertmanager.yml), set so that e-mail is published with its password file.</summary>
    public static readonly IReadOnlyDictionary<string, string> PlainSettings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SMTP_SMARTHOST"] = "smtp.example.org:587",
        ["SMTP_FROM"] = "alerts@example.org",
        ["SMTP_USERNAME"] = "alerts",
        ["ALERT_EMAIL_TO"] = "oncall@example.org",
    };

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return ValueTask.CompletedTask;
    }
}
