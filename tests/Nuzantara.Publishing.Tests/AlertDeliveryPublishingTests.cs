using Nuzantara.Hosting.Orchestration.Process;
using YamlDotNet.RepresentationModel;

namespace Nuzantara.Publishing.Tests;

/// <summary>
/// Published with Slack, e-mail and the heartbeat configured: each output routes alerts to them with the secrets as files
/// the deployment provides (Compose secrets, a Kubernetes Secret, the manifest's bind mounts), and holds none of the values.
/// </summary>
public sealed class AlertDeliveryPublishingTests : IAsyncLifetime
{
    private const string SlackUrl = "https://hooks.slack.com/services/T1/B1/slack-token-that-must-not-leak";
    private const string SmtpPassword = "smtp-password-that-must-not-leak";
    private const string HeartbeatUrl = "https://hc-ping.example.com/heartbeat-that-must-not-leak";

    private static readonly string[] SecretValues = [SlackUrl, SmtpPassword, HeartbeatUrl];

    private static readonly string[] SecretFiles = ["slack-webhook-url", "smtp-password", "watchdog-webhook-url"];

    private readonly string _root = Directory.CreateTempSubdirectory("nuzantara-publish-alerts-").FullName;

    public async ValueTask InitializeAsync()
    {
        foreach (var publisher in PublishedOutputs.Publishers)
        {
            var result = await AppHost.RunAsync("--publisher", publisher, "--output-path", Path.Combine(_root, publisher),
                "--Nuzantara:StateDirectory", Path.Combine(_root, "state"),
                $"--SLACK_WEBHOOK_URL={SlackUrl}", "--ALERT_EMAIL_TO=oncall@example.com", "--SMTP_SMARTHOST=smtp.example.com:587",
                "--SMTP_FROM=alerts@example.com", "--SMTP_USERNAME=alerts", $"--SMTP_PASSWORD={SmtpPassword}", $"--WATCHDOG_WEBHOOK_URL={HeartbeatUrl}");
            Assert.True(result.ExitCode == 0, result.Output);
        }
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return ValueTask.CompletedTask;
    }

    public static TheoryData<string> Publishers => [.. PublishedOutputs.Publishers];

    [Theory]
    [MemberData(nameof(Publishers))]
    public void The_configuration_reads_every_secret_from_a_file_and_no_file_holds_a_secret(string publisher)
    {
        var files = Directory.EnumerateFiles(Path.Combine(_root, publisher), "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);
        foreach (var (path, content) in files)
        {
            Assert.All(SecretValues, secret => Assert.False(content.Contains(secret, StringComparison.Ordinal), $"{path} contains a secret value"));
        }

        var config = files.Single(f => f.Key.EndsWith("alertmanager.yml", StringComparison.Ordinal) || f.Key.EndsWith("alertmanager.yaml", StringComparison.Ordinal) && publisher == "kubernetes").Value;
        Assert.Contains("slack_api_url_file: /etc/alertmanager/secrets/slack-webhook-url", config);
        Assert.Contains("smtp_auth_password_file: /etc/alertmanager/secrets/smtp-password", config);
        Assert.Contains("url_file: /etc/alertmanager/secrets/watchdog-webhook-url", config);
        Assert.Contains("slack_configs", config);
        Assert.Contains("email_configs", config);
    }

    [Fact]
    public async Task Compose_mounts_the_secret_files_it_reads_from_secrets_and_validates()
    {
        var directory = Path.Combine(_root, "docker-compose");
        var compose = (YamlMappingNode)Load(await File.ReadAllTextAsync(Path.Combine(directory, "docker-compose.yaml"), TestContext.Current.CancellationToken));
        var secrets = (YamlMappingNode)compose["secrets"];
        var alertmanager = (YamlMappingNode)((YamlMappingNode)compose["services"])["alertmanager"];
        var mounted = ((YamlSequenceNode)alertmanager["secrets"]).Cast<YamlMappingNode>().ToDictionary(s => s["source"].ToString(), s => s["target"].ToString());

        Assert.Equal(SecretFiles.Select(f => $"alertmanager-{f}").Order(), secrets.Children.Keys.Select(k => k.ToString()).Order());
        Assert.All(SecretFiles, f => Assert.Equal($"/etc/alertmanager/secrets/{f}", mounted[$"alertmanager-{f}"]));
        Assert.All(SecretFiles, f => Assert.Equal($"./secrets/alertmanager-{f}", ((YamlMappingNode)secrets[$"alertmanager-{f}"])["file"].ToString()));

        // As an operator fills it in: the passwords in .env, the secret files under secrets/.
        var env = Path.Combine(directory, ".env");
        await File.WriteAllTextAsync(env, (await File.ReadAllTextAsync(env, TestContext.Current.CancellationToken))
            .Replace("PASSWORD=\n", "PASSWORD=filled-in\n", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        Directory.CreateDirectory(Path.Combine(directory, "secrets"));
        foreach (var file in SecretFiles)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "secrets", $"alertmanager-{file}"), "filled-in", TestContext.Current.CancellationToken);
        }

        await Tools.EnsureDockerComposeAsync();
        var result = await CommandRunner.RunAsync("docker-compose", ["config", "--quiet"], TestContext.Current.CancellationToken, workingDirectory: directory);
        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task Kubernetes_mounts_them_from_a_Secret_of_their_own_readable_by_Alertmanager_alone()
    {
        var directory = Path.Combine(_root, "kubernetes");
        var secret = await File.ReadAllTextAsync(Path.Combine(directory, "alertmanager-secrets.yaml"), TestContext.Current.CancellationToken);
        var workload = await File.ReadAllTextAsync(Path.Combine(directory, "alertmanager.yaml"), TestContext.Current.CancellationToken);

        Assert.Contains("kind: Secret", secret);
        Assert.Contains("slack-webhook-url, smtp-password, watchdog-webhook-url", secret);
        Assert.Contains("secretName: alertmanager-secrets", workload);
        Assert.Contains("defaultMode: 288", workload);
        Assert.Contains("fsGroup: 65534", workload);
        Assert.All(SecretFiles, f => Assert.Contains($"mountPath: /etc/alertmanager/secrets/{f}", workload));
        Assert.Contains("alertmanager-secrets.yaml", await File.ReadAllTextAsync(Path.Combine(directory, "kustomization.yaml"), TestContext.Current.CancellationToken));

        await Tools.EnsureKubectlAsync();
        var result = await CommandRunner.RunAsync("kubectl", ["kustomize", directory], TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task The_manifest_bind_mounts_them_from_secrets()
    {
        var manifest = await File.ReadAllTextAsync(Path.Combine(_root, "manifest", "aspire-manifest.json"), TestContext.Current.CancellationToken);

        Assert.All(SecretFiles, f => Assert.Contains($"\"source\": \"secrets/alertmanager-{f}\"", manifest));
    }

    private static YamlNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents[0].RootNode;
    }
}
