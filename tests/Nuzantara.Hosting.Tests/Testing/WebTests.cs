using System.Net;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Nuzantara.Hosting.Tests.Testing;

/// <summary>
/// Aspire's starter-template test (WebTests.cs): it must compile and pass against this harness as against Aspire's.
/// Changed: the AppHost; a web resource added (the Redis fixture has none); the builder disposed, which removes the
/// test's state directory.
/// </summary>
public sealed class WebTests
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GetWebResourceRootReturnsOkStatusCode()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Nuzantara_Fixtures_RedisAppHost>(cancellationToken);
        await using var disposeAppHost = appHost;
        appHost.AddTestWebResource("webfrontend");
        appHost.Services.ConfigureHttpClientDefaults(clientBuilder =>
        {
            clientBuilder.AddStandardResilienceHandler();
        });

        await using var app = await appHost.BuildAsync(cancellationToken).WaitAsync(DefaultTimeout, cancellationToken);
        await app.StartAsync(cancellationToken).WaitAsync(DefaultTimeout, cancellationToken);

        // Act
        var httpClient = app.CreateHttpClient("webfrontend");
        await app.ResourceNotifications.WaitForResourceHealthyAsync("webfrontend", cancellationToken).WaitAsync(DefaultTimeout, cancellationToken);
        var response = await httpClient.GetAsync("/", cancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
