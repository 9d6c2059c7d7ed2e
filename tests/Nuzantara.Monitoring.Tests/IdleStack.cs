using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nuzantara.Hosting.Dashboard.Alerts;
using Nuzantara.Hosting.Dashboard.Otlp;
using Nuzantara.Hosting.Orchestration;
using Nuzantara.Tests;

namespace Nuzantara.Monitoring.Tests;

/// <summary>
/// The AppHost's real model on free ports at test-time intervals, and no user ever: all that reaches the services is
/// the AppHost's readiness probes and Prometheus' scrapes. Alerts go to the AppHost's inbox only (no Slack or e-mail
/// settings), which is where an operator of the local stack reads them.
/// </summary>
public sealed class IdleStack : IAsyncLifetime
{
    private IDistributedApplicationTestingBuilder? _builder;

    public DistributedApplication App { get; private set; } = null!;

    internal AlertInbox Inbox => App.Services.GetRequiredService<AlertInbox>();

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(HealthyStack.StartTimeout);
        _builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Nuzantara_AppHost>(AlertPath.FastAlerting, timeout.Token);
        App = await HealthyStack.StartAsync(_builder, timeout.Token, MonitoringStack.Resources);
    }

    public ValueTask DisposeAsync() => HealthyStack.StopAsync(App, _builder);

    public Task<JsonElement[]> QueryAsync(string promql, CancellationToken cancellationToken) => PrometheusApi.QueryAsync(App, promql, cancellationToken);

    /// <summary>The dashboard's API as a script calls it, with the AppHost's API key: its Stop and Start are the Resources page's.</summary>
    public HttpClient Dashboard()
    {
        var options = App.Services.GetRequiredService<HostingOptions>();
        var client = new HttpClient { BaseAddress = new Uri($"http://{options.BindAddress}:{options.DashboardPort}") };
        client.DefaultRequestHeaders.Add(OtlpApiKey.HeaderName, App.Services.GetRequiredService<OtlpSettings>().ApiKey);
        return client;
    }
}
