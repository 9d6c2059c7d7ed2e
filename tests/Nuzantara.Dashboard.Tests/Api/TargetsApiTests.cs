using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nuzantara.Hosting.Dashboard;
using Nuzantara.Hosting.Orchestration;

namespace Nuzantara.Dashboard.Tests.Api;

/// <summary>
/// <c>/api/targets</c> reads the resource marked as reporting its scrape targets (Prometheus); without one, or while it
/// is not running, it says so as problem details. The targets of a running Prometheus are checked in the browser tests.
/// </summary>
public sealed class TargetsApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_Prometheus_the_answer_is_404_No_Prometheus()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddResource(new TestResource("clock")).WithInitialState(new CustomResourceSnapshot { ResourceType = "Clock", Properties = [] });

        var problem = await TargetsAsync(builder, HttpStatusCode.NotFound);

        Assert.Equal("No Prometheus", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_scraper_that_is_not_running_is_named_in_a_503()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddResource(new TestResource("scraper"))
            .WithHttpEndpoint(name: "http")
            .WithAnnotation(new ScrapeTargetsApiAnnotation("http"))
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "Scraper", State = KnownResourceStates.NotStarted, Properties = [] });

        var problem = await TargetsAsync(builder, HttpStatusCode.ServiceUnavailable);

        Assert.Equal("'scraper' is NotStarted.", problem.GetProperty("detail").GetString());
    }

    private static async Task<JsonElement> TargetsAsync(IDistributedApplicationTestingBuilder builder, HttpStatusCode expected)
    {
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{app.Services.GetRequiredService<HostingOptions>().DashboardPort}") };
        api.DefaultRequestHeaders.Add("x-otlp-api-key", app.Services.GetRequiredService<OtlpSettings>().ApiKey);

        using var response = await api.GetAsync("/api/targets", Token);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Token);
    }

    private sealed class TestResource(string name) : Resource(name), IResourceWithEndpoints;
}
