// Written for Nuzantara's AppHost corpus, not copied: its API usage is modelled on dotnet/aspire-samples
// tests/SamplesIntegrationTests/AppHostTests.cs (commit caf0bdf9ec3d) and the starter template's WebTests.cs in
// dotnet/aspire (src/Aspire.ProjectTemplates). The corpus check compiles it, and its run mode runs it (AppHostRunTests).
using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace AspireShop.Tests;

public class FrontendTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task FrontendAnswersOnceTheCatalogIsRunning()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AspireShop_AppHost>(
            [], (options, settings) => options.DisableDashboard = true, cancellationToken);
        appHost.Services.ConfigureHttpClientDefaults(client => client.AddStandardResilienceHandler());
        var projects = appHost.Resources.OfType<ProjectResource>().Select(p => p.Name).ToList();
        Assert.Contains("frontend", projects);

        await using var app = await appHost.BuildAsync(cancellationToken).WaitAsync(StartTimeout, cancellationToken);
        await app.StartAsync(cancellationToken).WaitAsync(StartTimeout, cancellationToken);
        await app.ResourceNotifications.WaitForResourceAsync("catalogservice", KnownResourceStates.Running, cancellationToken).WaitAsync(StartTimeout, cancellationToken);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("frontend", cancellationToken).WaitAsync(StartTimeout, cancellationToken);

        using var client = app.CreateHttpClient("frontend");
        var response = await client.GetAsync("/health", cancellationToken);
        var basketCache = await app.GetConnectionStringAsync("basketcache", cancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(basketCache));
    }

    [Fact]
    public async Task CatalogDbManagerLogsItsStart()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AspireShop_AppHost>(cancellationToken);
        await using var app = await appHost.BuildAsync(cancellationToken);
        await app.StartAsync(cancellationToken);

        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        await foreach (var batch in logs.WatchAsync("catalogdbmanager").WithCancellation(cancellationToken))
        {
            if (batch.Any(line => !line.IsErrorMessage && line.Content.Contains("started", StringComparison.OrdinalIgnoreCase)))
            {
                break;
            }
        }

        var state = await app.ResourceNotifications.WaitForResourceAsync("catalogdbmanager", e => e.Snapshot.State?.Text == KnownResourceStates.Running, cancellationToken);
        Assert.Equal("catalogdbmanager", state.Resource.Name);
    }
}
