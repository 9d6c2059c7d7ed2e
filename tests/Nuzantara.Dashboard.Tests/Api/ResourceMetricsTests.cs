using Microsoft.Extensions.DependencyInjection;

namespace Nuzantara.Dashboard.Tests.Api;

/// <summary>
/// Each AppHost's /metrics carries its own resources' series only, and keeps them when another AppHost in the same
/// process stops: meters are found by name across a process, and AppHosts name their resource meter alike.
/// </summary>
public sealed class ResourceMetricsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_AppHost_exports_only_its_own_resources_and_keeps_them_when_another_stops()
    {
        var (first, firstApp) = await StartAsync("first-worker");
        await using var _ = first;
        var (second, _) = await StartAsync("second-worker");
        using var scraper = Scraper(firstApp);

        // Observable gauges are read at scrape time: the running resource is there at the first scrape.
        var both = await scraper.GetStringAsync("/metrics", Token);
        Assert.Matches("(?m)^nuzantara_resource_up\\{[^}]*resource=\"first-worker\"[^}]*\\} 1", both);
        Assert.DoesNotContain("second-worker", both);

        await second.DisposeAsync();
        var after = await scraper.GetStringAsync("/metrics", Token);
        Assert.Matches("(?m)^nuzantara_resource_up\\{[^}]*resource=\"first-worker\"[^}]*\\} 1", after);
    }

    /// <summary>The builder owns the application it built, as Aspire's does: disposing it stops the application.</summary>
    private static async Task<(IDistributedApplicationTestingBuilder Builder, DistributedApplication App)> StartAsync(string worker)
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddExecutable(worker, "sleep", ".", "300");
        var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync(worker, Token).WaitAsync(Timeout, Token);
        return (builder, app);
    }

    private static HttpClient Scraper(DistributedApplication app) =>
        new() { BaseAddress = new Uri($"http://127.0.0.1:{app.Services.GetRequiredService<HostingOptions>().DashboardPort}") };
}
