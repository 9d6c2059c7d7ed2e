using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Nuzantara.ServiceDefaults.Health;

namespace Nuzantara.Services.Tests;

/// <summary>
/// A storm of probes on one endpoint is answered from one health report per <c>Nuzantara:Health:ReportFreshFor</c>,
/// while each endpoint keeps its own report and the body stays that of the original system.
/// </summary>
public sealed class HealthReportCachingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Probes_within_the_window_share_one_report_and_each_endpoint_has_its_own()
    {
        var runs = 0;
        await using var app = await StartAsync("00:10:00", () => Interlocked.Increment(ref runs));
        using var client = LoopbackApp.Client(app);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive", Token)).StatusCode);
        }

        Assert.Equal(1, runs);
        using var body = JsonDocument.Parse(await client.GetStringAsync("/health/live", Token));
        Assert.Equal(2, runs);
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.True(body.RootElement.GetProperty("memory").GetProperty("rss").GetInt64() > 0);
        Assert.True(body.RootElement.GetProperty("uptime").GetDouble() > 0);
    }

    [Fact]
    public async Task Without_a_window_every_probe_runs_the_checks()
    {
        var runs = 0;
        await using var app = await StartAsync("00:00:00", () => Interlocked.Increment(ref runs));
        using var client = LoopbackApp.Client(app);

        for (var i = 0; i < 5; i++)
        {
            (await client.GetAsync("/alive", Token)).EnsureSuccessStatusCode();
        }

        Assert.Equal(5, runs);
    }

    private static async Task<WebApplication> StartAsync(string reportFreshFor, Action onCheck)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Nuzantara:Health:ReportFreshFor"] = reportFreshFor;
        builder.Configuration[Extensions.TelemetryEnabledKey] = "false";
        builder.AddServiceDefaults();
        builder.Services.AddHealthChecks().AddCheck("counted", () =>
        {
            onCheck();
            return HealthCheckResult.Healthy();
        }, [HealthTags.Live]);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync(Token);
        return app;
    }

}
