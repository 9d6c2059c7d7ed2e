using System.Text.Json;
using Nuzantara.Hosting.Dashboard.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Nuzantara.Fixtures.AlertReceivers;
using Nuzantara.Tests;

namespace Nuzantara.Monitoring.Tests;

/// <summary>
/// The AppHost's real model on free ports, with test-time intervals set through the same settings a user has
/// (Nuzantara:Prometheus, Nuzantara:Alertmanager) and Slack and e-mail pointed at stand-ins that speak their protocols
/// (the SMTP relay requires the account's password); the rule files are the production ones. Started once for the
/// end-to-end tests, with some traffic through every HTTP service so that the SLIs exist.
/// </summary>
public sealed class MonitoringStack : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private static readonly string[] Resources =
    [
        "redis", "postgres", "backend", "python-backend", "orchestrator",
        "prometheus", "alertmanager", "node-exporter", "redis-exporter", "postgres-exporter",
    ];

    private IDistributedApplicationTestingBuilder? _builder;

    public AlertReceivers Receivers { get; private set; } = null!;

    public string SlackPath { get; } = AlertPath.NewSlackPath();

    public DistributedApplication App { get; private set; } = null!;

    public AlertInbox Inbox => App.Services.GetRequiredService<AlertInbox>();

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var smtpPassword = Guid.NewGuid().ToString("N");
        Receivers = await AlertReceivers.StartAsync("127.0.0.1", httpPort: 0, Nuzantara.Hosting.Orchestration.PortAllocator.FreePort(), (AlertPath.SmtpUser, smtpPassword), timeout.Token);
        var delivery = AlertPath.Settings($"{Receivers.HttpAddress}/slack/{SlackPath}", $"127.0.0.1:{Receivers.SmtpPort}", smtpPassword);
        _builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Nuzantara_AppHost>([.. AlertPath.FastAlerting, .. delivery], timeout.Token);
        App = await _builder.BuildAsync(timeout.Token);
        await App.StartAsync(timeout.Token);
        foreach (var resource in Resources)
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }

        await SendTrafficAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (_builder is not null)
        {
            await _builder.DisposeAsync();
        }

        if (Receivers is not null)
        {
            await Receivers.DisposeAsync();
        }
    }

    /// <summary>Runs an instant query; the result vector, or an exception naming Prometheus' error.</summary>
    public async Task<JsonElement[]> QueryAsync(string promql, CancellationToken cancellationToken)
    {
        using var prometheus = App.CreateHttpClient("prometheus");
        using var response = await prometheus.GetAsync($"/api/v1/query?query={Uri.EscapeDataString(promql)}", cancellationToken);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement;
        if (body.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"Prometheus refused '{promql}': {body.GetProperty("error").GetString()}");
        }

        return body.GetProperty("data").GetProperty("result").EnumerateArray().ToArray();
    }

    /// <summary>Requests through the orchestrator (which calls both backends) and to each service directly.</summary>
    private async Task SendTrafficAsync(CancellationToken cancellationToken)
    {
        using var orchestrator = App.CreateHttpClient("orchestrator");
        using var backend = App.CreateHttpClient("backend");
        using var python = App.CreateHttpClient("python-backend");
        for (var i = 0; i < 20; i++)
        {
            (await orchestrator.GetAsync("/api/example", cancellationToken)).Dispose();
            (await backend.GetAsync("/health", cancellationToken)).Dispose();
            (await python.GetAsync("/health", cancellationToken)).Dispose();
        }
    }
}
