using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Nuzantara.Hosting.Tests.ApplicationModel;

/// <summary>Model mistakes fail at Build() and name the resources involved.</summary>
public sealed class ModelValidationTests
{
    [Fact]
    public async Task A_duplicate_name_is_rejected_case_insensitively()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddRedis("cache");

        var error = Assert.Throws<DistributedApplicationException>(() => builder.AddRedis("Cache"));

        Assert.Contains("'Cache'", error.Message);
        Assert.Contains("already exists", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1redis")]
    [InlineData("redis_cache")]
    [InlineData("redis-")]
    [InlineData("re--dis")]
    [InlineData("redis cache")]
    public async Task An_invalid_name_is_rejected_with_the_rule(string name)
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();

        var error = Assert.Throws<DistributedApplicationException>(() => builder.AddRedis(name));

        Assert.Contains($"'{name}'", error.Message);
        Assert.Contains("letters, digits and hyphens", error.Message);
    }

    [Fact]
    public async Task Waiting_for_a_resource_outside_the_model_fails_at_build()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        await using var other = DistributedApplicationTestingBuilder.Create();
        var stranger = other.AddRedis("stranger");
        builder.AddProject<FakeProject>("api").WaitFor(stranger);

        var error = Assert.Throws<DistributedApplicationException>(() => builder.Build());

        Assert.Contains("'api' waits for 'stranger'", error.Message);
    }

    [Fact]
    public async Task A_cycle_of_waits_fails_at_build_naming_the_cycle()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var a = builder.AddProject<FakeProject>("a").WithHttpEndpoint(port: 1);
        var b = builder.AddProject<FakeProject>("b").WithHttpEndpoint(port: 2).WaitFor(a);
        var c = builder.AddProject<FakeProject>("c").WithHttpEndpoint(port: 3).WaitFor(b);
        a.WaitFor(c);

        var error = Assert.Throws<DistributedApplicationException>(() => builder.Build());

        Assert.Contains("cycle", error.Message);
        Assert.Matches("(a → c → b → a)|(b → a → c → b)|(c → b → a → c)", error.Message);
    }

    [Fact]
    public async Task Resources_that_reference_each_other_build_as_in_Aspire_since_references_do_not_order_starts()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var frontend = builder.AddProject<FakeProject>("frontend").WithHttpEndpoint(port: 1);
        var gateway = builder.AddYarp("gateway").WithConfiguration(yarp => yarp.AddRoute(frontend));
        frontend.WithReference(gateway).WaitFor(gateway);

        await using var app = builder.Build();

        Assert.Equal(["frontend", "gateway"], app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Select(r => r.Name).Order());
    }

    [Fact]
    public async Task Waiting_for_itself_fails_at_build()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var api = builder.AddProject<FakeProject>("api");
        api.WaitFor(api);

        var error = Assert.Throws<DistributedApplicationException>(() => builder.Build());

        Assert.Contains("'api' waits for itself", error.Message);
    }

    [Fact]
    public async Task Two_endpoints_with_one_name_are_rejected()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var api = builder.AddProject<FakeProject>("api").WithHttpEndpoint(port: 8080);

        var error = Assert.Throws<DistributedApplicationException>(() => api.WithHttpEndpoint(port: 8081));

        Assert.Contains("'api' already has an endpoint named 'http'", error.Message);
    }
}
