using System.Net.Http.Json;
using System.Text.Json;
using Nuzantara.Hosting.Dashboard.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Nuzantara.Fixtures.AlertReceivers;
using Nuzantara.Tests;

namespace Nuzantara.Monitoring.Tests;

/// <summary>
/// The AppHost's real model on free ports, with test-time intervals set through the same settings a user has
/// (Nuzantara:Prometheus, Nuzantara:Alertmanager) and Slack, e-mail and the heartbeat pointed at stand-ins that speak
/// their protocols (the SMTP relay requires the account's password); the rule files are the production ones. Started
/// once for the end-to-end tests, with users' requests to every HTTP service for as long as it runs, so that the SLIs
/// exist: health probes and scrapes are not counted, so an idle stack has request rates of zero and no ratios or quantiles.
/// </summary>
public sealed class MonitoringStack : IAsyncLifetime
{
    internal static readonly string[] Resources =
    [
        "redis", "postgres", "backend", "python-backend", "orchestrator",
        "prometheus", "alertmanager", "node-exporter", "redis-exporter", "postgres-exporter",
    ];

    private readonly CancellationTokenSource _stopTraffic = new();

    private Task _traffic = Task.CompletedTask;

    private IDistributedApplicationTestingBuilder? _builder;

    public AlertReceivers Receivers { get; private set; } = null!;

    public string SlackPath { get; } = AlertPath.NewSlackPath();

    public string HeartbeatPath { get; } = AlertPath.NewHeartbeatPath();

    public DistributedApplication App { get; private set; } = null!;

    internal AlertInbox Inbox => App.Services.GetRequiredService<AlertInbox>();

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(HealthyStack.StartTimeout);
        var smtpPassword = Guid.NewGuid().ToString("N");
        Receivers = await AlertReceivers.StartAsync("127.0.0.1", httpPort: 0, Nuzantara.Hosting.Orchestration.PortAllocator.FreePort(), (AlertPath.SmtpUser, smtpPassword), timeout.Token);
        var delivery = AlertPath.Settings($"{Receivers.HttpAddress}/slack/{SlackPath}", $"127.0.0.1:{Receivers.SmtpPort}", smtpPassword,
            $"{Receivers.HttpAddress}/webhook/{HeartbeatPath}");
        _builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Nuzantara_AppHost>([.. AlertPath.FastAlerting, .. delivery], timeout.Token);
        App = await HealthyStack.StartAsync(_builder, timeout.Token, MonitoringStack.Resources);

        _traffic = SendTrafficAsync(_stopTraffic.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopTraffic.CancelAsync();
        await _traffic;
        _stopTraffic.Dispose();
        await HealthyStack.StopAsync(App, _builder);

        if (Receivers is not null)
        {
            await Receivers.DisposeAsync();
        }
    }

    /// <summary>Runs an instant query; the result vector, or an exception naming Prometheus' error.</summary>
    public Task<JsonElement[]> QueryAsync(string promql, CancellationToken cancellationToken) => PrometheusApi.QueryAsync(App, promql, cancellationToken);

    /// <summary>
    /// A request through the orchestrator and one to each service every second until disposed. A failed one is skipped:
    /// some tests stop a service on purpose.
    /// </summary>
    private async Task SendTrafficAsync(CancellationToken stop)
    {
        using var orchestrator = App.CreateHttpClient("orchestrator");
        using var backend = App.CreateHttpClient("backend");
        using var python = App.CreateHttpClient("python-backend");
        using var every = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do
            {
                try
                {
                    (await orchestrator.GetAsync("/api/example", stop)).Dispose();
                    (await backend.GetAsync("/api/example", stop)).Dispose();
                    (await python.PostAsJsonAsync("/api/rank", new { query = "x", documents = new[] { new { id = 1, body = "x" } } }, stop)).Dispose();
                }
                catch (Exception e) when (e is HttpRequestException || e is TaskCanceledException && !stop.IsCancellationRequested)
                {
                }
            }
            while (await every.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
