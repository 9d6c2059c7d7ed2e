using System.Collections.Concurrent;
using System.Net;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Nuzantara.Hosting.Tests.Testing;

/// <summary>app.CreateHttpClient comes from IHttpClientFactory, so handlers a test configures see its requests.</summary>
public sealed class CreateHttpClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_handler_configured_for_every_client_sees_the_request_sent_to_the_resource()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddTestWebResource("web");
        var requests = new ConcurrentQueue<Uri>();
        builder.Services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler(() => new CountingHandler(requests)));
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token).WaitAsync(Timeout, Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("web", Token).WaitAsync(Timeout, Token);

        using var client = app.CreateHttpClient("web");
        using var response = await client.GetAsync("/", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(app.GetEndpoint("web"), client.BaseAddress);
        Assert.Equal([new Uri(app.GetEndpoint("web"), "/")], requests);
    }

    private sealed class CountingHandler(ConcurrentQueue<Uri> requests) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            requests.Enqueue(request.RequestUri!);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
