using Nuzantara.Hosting.Orchestration.Process;
using YamlDotNet.RepresentationModel;

namespace Nuzantara.Publishing.Tests;

/// <summary>
/// Published with Slack, e-mail and the heartbeat configured (<see cref="PublishedOutputs"/>): each output routes alerts to
/// them with the secrets as files the deployment provides (Compose secrets, a Kubernetes Secret, the manifest's bind
/// mounts); <see cref="SecretsAndPathsTests"/> checks that no output holds their values.
/// </summary>
public sealed class AlertDeliveryPublishingTests(PublishedOutputs outputs)
{
    private static readonly string[] SecretFiles = ["slack-webhook-url", "smtp-password", "watchdog-webhook-url"];

    public static TheoryData<string> Publishers => [.. AppHostProcess.Publishers];

    [Theory]
    [MemberData(nameof(Publishers))]
    public void The_configuration_reads_every_secret_from_a_file(string publisher)
    {
        var config = outputs.FilesOf(publisher)[publisher == "kubernetes" ? "alertmanager.yaml" : "alertmanager/alertmanager.yml"];
        Assert.Contains("slack_api_url_file: /etc/alertmanager/secrets/slack-webhook-url", config);
        Assert.Contains("smtp_auth_password_file: /etc/alertmanager/secrets/smtp-password", config);
        Assert.Contains("url_file: /etc/alertmanager/secrets/watchdog-webhook-url", config);
        Assert.Contains("slack_configs", config);
        Assert.Contains("email_configs", config);
    }

    [Fact]
    public async Task Compose_mounts_the_secret_files_it_reads_from_secrets_and_validates()
    {
        var directory = outputs.FilledInComposeCopy();
        var compose = (YamlMappingNode)Load(await File.ReadAllTextAsync(Path.Combine(directory, "docker-compose.yaml"), TestContext.Current.CancellationToken));
        var secrets = (YamlMappingNode)compose["secrets"];
        var alertmanager = (YamlMappingNode)((YamlMappingNode)compose["services"])["alertmanager"];
        var mounted = ((YamlSequenceNode)alertmanager["secrets"]).Cast<YamlMappingNode>().ToDictionary(s => s["source"].ToString(), s => s["target"].ToString());

        Assert.Equal(SecretFiles.Select(f => $"alertmanager-{f}").Order(), secrets.Children.Keys.Select(k => k.ToString()).Order());
        Assert.All(SecretFiles, f => Assert.Equal($"/etc/alertmanager/secrets/{f}", mounted[$"alertmanager-{f}"]));
        Assert.All(SecretFiles, f => Assert.Equal($"./secrets/alertmanager-{f}", ((YamlMappingNode)secrets[$"alertmanager-{f}"])["file"].ToString()));

        await Tools.EnsureDockerComposeAsync();
        var result = await CommandRunner.RunAsync("docker-compose", ["config", "--quiet"], TestContext.Current.CancellationToken, workingDirectory: directory);
        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task Kubernetes_mounts_them_from_a_Secret_of_their_own_readable_by_Alertmanager_alone()
    {
        var directory = outputs.OutputOf("kubernetes");
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
        var manifest = await File.ReadAllTextAsync(Path.Combine(outputs.OutputOf("manifest"), "aspire-manifest.json"), TestContext.Current.CancellationToken);

        Assert.All(SecretFiles, f => Assert.Contains($"\"source\": \"secrets/alertmanager-{f}\"", manifest));
    }

    private static YamlNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents[0].RootNode;
    }
}
