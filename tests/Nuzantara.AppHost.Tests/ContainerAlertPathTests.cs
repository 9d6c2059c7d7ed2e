using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Nuzantara.AppHost.Tests.LiveEngine;
using Nuzantara.Fixtures.AlertReceivers;
using Nuzantara.Hosting.Dashboard.Alerts;
using Nuzantara.Hosting.Monitoring;
using Nuzantara.Hosting.Orchestration;
using Nuzantara.Hosting.Orchestration.Container;
using Nuzantara.Hosting.Orchestration.Process;

namespace Nuzantara.AppHost.Tests;

/// <summary>
/// Production alert delivery in the container runtime: Alertmanager in its container reads the Slack URL, the SMTP
/// password and the inbox's API key from secret files only its user can read, and a backend that stops answering
/// reaches Slack, e-mail and the AppHost's inbox, then its return does; the Watchdog reaches its heartbeat.
/// </summary>
[Collection(LiveEngineCollection.Name)]
public sealed class ContainerAlertPathTests(LiveDockerEngine engine)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_backend_that_stops_answering_reaches_Slack_e_mail_and_the_inbox_and_a_warning_reaches_Slack_only()
    {
        var smtpPassword = Guid.NewGuid().ToString("N");
        await using var receivers = await AlertReceivers.StartAsync("127.0.0.1", httpPort: 0, PortAllocator.FreePort(), (AlertPath.SmtpUser, smtpPassword), Token);
        var slackPath = AlertPath.NewSlackPath();
        var heartbeatPath = AlertPath.NewHeartbeatPath();
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Nuzantara_AppHost>(
        [
            "--runtime", "container", $"--DOCKER_HOST={engine.DockerHost}",
            .. AlertPath.FastAlerting,
            .. AlertPath.Settings($"{receivers.HttpAddress}/slack/{slackPath}", $"127.0.0.1:{receivers.SmtpPort}", smtpPassword, $"{receivers.HttpAddress}/webhook/{heartbeatPath}"),
        ], Token);
        using var rules = UseRulesAtTestSpeed(builder);
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        await WholeStack.WaitUntilHealthyAsync(app);
        await AssertSecretsAreReadableByAlertmanagersUserAloneAsync(app);
        Task<ReceivedAlerts> Read() => Task.FromResult(receivers.Received);
        await AlertPath.AssertHeartbeatAsync(Read, heartbeatPath, TimeSpan.FromSeconds(60));

        await AlertPath.AssertWarningReachesSlackOnlyAsync(Read, slackPath, async alertName =>
        {
            using var alertmanager = app.CreateHttpClient("alertmanager");
            (await alertmanager.PostAsJsonAsync("/api/v2/alerts", AlertPath.WarningAlert(alertName), Token)).EnsureSuccessStatusCode();
        }, TimeSpan.FromSeconds(60));

        // SIGSTOP keeps the process and its socket but answers nothing: Prometheus' scrapes time out, as with a hung service.
        var processGroup = app.ResourceNotifications.GetSnapshot("backend")!.ProcessId!.Value;
        await CommandRunner.RunCheckedAsync("kill", ["-STOP", "--", $"-{processGroup}"], Token);
        try
        {
            await AlertPath.AssertFiringDeliveredAsync(Read, slackPath, "backend", authenticated: true, TimeSpan.FromSeconds(150));
        }
        finally
        {
            await CommandRunner.RunCheckedAsync("kill", ["-CONT", "--", $"-{processGroup}"], Token);
        }

        // The inbox's webhook carries the AppHost's API key, read from its secret file as well.
        var inbox = app.Services.GetRequiredService<AlertInbox>();
        Assert.Contains(inbox.Snapshot(), a => a.AlertName == "ServiceDown" && a.Labels.GetValueOrDefault("service") == "backend" && a.Status == "firing");
        await AlertPath.AssertResolvedDeliveredAsync(Read, slackPath, "backend", TimeSpan.FromSeconds(90));

        await WholeStack.StopAndAssertNothingLeftAsync(app, builder);
    }

    /// <summary>
    /// The AppHost's rules with every <c>for</c> cut to 10 s (ServiceDown waits a minute in production), mounted in
    /// place of the originals from a folder the container's user can read; a start-up blip still cannot fire it.
    /// </summary>
    private static TemporaryFolder UseRulesAtTestSpeed(IDistributedApplicationTestingBuilder builder)
    {
        var prometheus = builder.Resources.OfType<PrometheusResource>().Single();
        var settings = prometheus.OfAnnotation<PrometheusSettingsAnnotation>().Last();
        var folder = new TemporaryFolder();
        AlertRulesAtTestSpeed.CopyInto(settings.RuleFiles, folder.Path, "10s");
        foreach (var mount in prometheus.OfAnnotation<ContainerMountAnnotation>().Where(m => m.Target == "/etc/prometheus/rules").ToList())
        {
            prometheus.Annotations.Remove(mount);
        }

        settings.RuleFiles.Clear();
        builder.CreateResourceBuilder(prometheus).WithRuleFiles(folder.Path);
        return folder;
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateDirectory(
            System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"nuzantara-rules-{Guid.NewGuid():N}"),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute).FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    private async Task AssertSecretsAreReadableByAlertmanagersUserAloneAsync(DistributedApplication app)
    {
        var appHostId = app.Services.GetRequiredService<ContainerRuntime>().AppHostId;
        var container = (await engine.ContainersOfAsync(appHostId, Token)).Single(c => c.Labels[ContainerNames.ResourceLabel] == "alertmanager");
        var inspect = await engine.Client.Containers.InspectContainerAsync(container.ID, Token);
        var secretBinds = inspect.HostConfig.Binds.Where(b => b.Contains("/etc/alertmanager/secrets/", StringComparison.Ordinal) || b.Contains(":/etc/alertmanager/alertmanager.yml", StringComparison.Ordinal)).ToList();

        var user = (await CommandRunner.RunCheckedAsync("id", ["-u"], Token)).Trim();
        var group = (await CommandRunner.RunCheckedAsync("id", ["-g"], Token)).Trim();
        Assert.Equal($"{user}:{group}", inspect.Config.User);
        Assert.Equal(5, secretBinds.Count);
        Assert.All(secretBinds.Select(b => b[..b.IndexOf(':')]), file => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file)));
    }
}
