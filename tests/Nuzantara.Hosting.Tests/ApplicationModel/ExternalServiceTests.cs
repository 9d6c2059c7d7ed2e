using System.Text.Json;
using Aspire.Hosting.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Nuzantara.Hosting.Tests.Integrations;

namespace Nuzantara.Hosting.Tests.ApplicationModel;

/// <summary>AddExternalService: a URL the AppHost does not run, referenced as Aspire references it.</summary>
public sealed class ExternalServiceTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Referencing_a_fixed_url_gives_service_discovery_and_the_name_variable()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var partner = builder.AddExternalService("partner-api", "https://partner.example.com/v1/");
        var api = builder.AddExecutable("api", "sleep", ".", "300").WithReference(partner);
        var options = TestModel.Resolve(builder);

        var env = (await TestModel.LaunchSpecAsync(builder, options, api.Resource)).Environment;

        Assert.Equal("https://partner.example.com/v1/", env["services__partner-api__https__0"]);
        Assert.Equal("https://partner.example.com/v1/", env["PARTNER_API"]);
    }

    [Fact]
    public async Task Referencing_a_parameters_url_names_the_variables_after_its_scheme()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.Configuration["Parameters:partner-url"] = "http://10.0.0.5:8080/";
        var partner = builder.AddExternalService("partner", builder.AddParameter("partner-url"));
        var api = builder.AddExecutable("api", "sleep", ".", "300").WithReference(partner);
        var options = TestModel.Resolve(builder);

        var env = (await TestModel.LaunchSpecAsync(builder, options, api.Resource)).Environment;

        Assert.Equal("http://10.0.0.5:8080/", env["services__partner__http__0"]);
        Assert.Equal("http://10.0.0.5:8080/", env["PARTNER_HTTP"]);
    }

    [Theory]
    [InlineData("partner.example.com")]
    [InlineData("https://partner.example.com/v1")]
    [InlineData("https://partner.example.com/?key=1")]
    public void An_unusable_url_is_refused_when_added(string url)
    {
        using var builder = DistributedApplicationTestingBuilder.Create();

        var error = Assert.Throws<ArgumentException>(() => builder.AddExternalService("partner", url));

        Assert.Contains(url, error.Message);
    }

    [Fact]
    public async Task It_is_Running_at_start_so_a_resource_waiting_for_it_starts()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var partner = builder.AddExternalService("partner", "https://partner.example.com/");
        builder.AddExecutable("worker", "sleep", ".", "300").WithReference(partner).WaitFor(partner);
        await using var app = await builder.BuildAsync(Token);

        await app.StartAsync(Token);
        await app.ResourceNotifications.WaitForResourceAsync("worker", KnownResourceStates.Running, Token).WaitAsync(TimeSpan.FromSeconds(60), Token);

        Assert.Equal(KnownResourceStates.Running, app.ResourceNotifications.GetSnapshot("partner")?.State?.Text);
    }

    [Fact]
    public async Task A_parameter_that_is_not_a_usable_url_fails_it_at_start_naming_the_parameter()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.Configuration["Parameters:partner-url"] = "partner.example.com";
        builder.AddExternalService("partner", builder.AddParameter("partner-url"));
        await using var app = await builder.BuildAsync(Token);

        await app.StartAsync(Token);
        var failed = await app.ResourceNotifications.WaitForResourceAsync("partner", KnownResourceStates.FailedToStart, Token).WaitAsync(TimeSpan.FromSeconds(60), Token);

        Assert.Contains("'partner-url'", failed.Snapshot.StateReason);
    }

    [Fact]
    public async Task The_manifest_leaves_it_out_and_gives_the_referencing_resource_its_url()
    {
        await using var model = PublishedModel.For("manifest");
        var fixedUrl = model.Builder.AddExternalService("partner", "https://partner.example.com/");
        var fromParameter = model.Builder.AddExternalService("billing", model.Builder.AddParameter("billing-url"));
        model.Builder.AddContainer("api", "docker.io/library/busybox", "1.37").WithReference(fixedUrl).WithReference(fromParameter);

        await model.PublishAsync(Token);

        var manifest = model.Read("aspire-manifest.json");
        var resources = JsonDocument.Parse(manifest).RootElement.GetProperty("resources");
        Assert.Equal(["api", "billing-url"], resources.EnumerateObject().Select(r => r.Name).Order());
        var env = resources.GetProperty("api").GetProperty("env");
        Assert.Equal("https://partner.example.com/", env.GetProperty("services__partner__https__0").GetString());
        Assert.Equal("{billing-url.value}", env.GetProperty("services__billing__default__0").GetString());
        Assert.Equal("{billing-url.value}", env.GetProperty("BILLING").GetString());
        Assert.Empty(await PublishedModel.SchemaErrorsAsync(manifest, Token));
    }

    [Fact]
    public async Task WithEnvironment_gives_the_services_url_under_the_name_chosen()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var partner = builder.AddExternalService("partner", "https://partner.example.com/v1/");
        var api = builder.AddExecutable("api", "sleep", ".", "300").WithEnvironment("EXTERNAL_SERVICE_URL", partner);
        var options = TestModel.Resolve(builder);

        var env = (await TestModel.LaunchSpecAsync(builder, options, api.Resource)).Environment;

        Assert.Equal("https://partner.example.com/v1/", env["EXTERNAL_SERVICE_URL"]);
    }

    [Fact]
    public async Task WithHttpHealthCheck_makes_it_healthy_only_while_its_path_answers_200_and_WaitFor_waits_for_that()
    {
        var answering = false;
        await using var partnerServer = await LoopbackWebServer.StartAsync(
            server => server.MapGet("/v1/health", () => answering ? Results.Ok() : Results.StatusCode(503)), Token);

        await using var builder = DistributedApplicationTestingBuilder.Create();
        var partner = builder.AddExternalService("partner", partnerServer.Url + "v1/").WithHttpHealthCheck("health");
        builder.AddExecutable("worker", "sleep", ".", "300").WaitFor(partner);
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);

        var unhealthy = await app.ResourceNotifications.WaitForResourceAsync("partner", e => e.Snapshot.HealthStatus == HealthStatus.Unhealthy, Token).WaitAsync(TimeSpan.FromSeconds(60), Token);
        Assert.Contains("503", unhealthy.Snapshot.StateReason);
        await app.ResourceNotifications.WaitForResourceAsync("worker", KnownResourceStates.Waiting, Token).WaitAsync(TimeSpan.FromSeconds(60), Token);

        answering = true;
        await app.ResourceNotifications.WaitForResourceHealthyAsync("partner", Token).WaitAsync(TimeSpan.FromSeconds(60), Token);
        await app.ResourceNotifications.WaitForResourceAsync("worker", KnownResourceStates.Running, Token).WaitAsync(TimeSpan.FromSeconds(60), Token);
    }

    [Fact]
    public async Task WithHttpHealthCheck_twice_on_the_same_path_is_one_check_that_still_runs()
    {
        var probes = 0;
        await using var partnerServer = await LoopbackWebServer.StartAsync(
            server => server.MapGet("/v1/health", () => Interlocked.Increment(ref probes) > 1 ? Results.Ok() : Results.StatusCode(503)), Token);

        await using var builder = DistributedApplicationTestingBuilder.Create();
        var partner = builder.AddExternalService("partner", partnerServer.Url + "v1/").WithHttpHealthCheck("health").WithHttpHealthCheck("health");
        builder.AddExecutable("worker", "sleep", ".", "300").WaitFor(partner);
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);

        // Healthy only once the path has been asked twice: the first answer is 503, so health comes from a check that ran again.
        await app.ResourceNotifications.WaitForResourceHealthyAsync("partner", Token).WaitAsync(TimeSpan.FromSeconds(60), Token);
        await app.ResourceNotifications.WaitForResourceAsync("worker", KnownResourceStates.Running, Token).WaitAsync(TimeSpan.FromSeconds(60), Token);
        Assert.Single(partner.Resource.Annotations.OfType<HealthCheckAnnotation>());
    }
}
