using Aspire.Hosting.Testing;

namespace Nuzantara.Hosting.Tests.ApplicationModel;

/// <summary>Aspire's endpoint overloads: https endpoints, changing one by name, and isProxied accepted.</summary>
public sealed class EndpointOverloadTests
{
    [Fact]
    public async Task An_https_endpoint_is_discovered_under_its_scheme()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var api = builder.AddProject<FakeProject>("api").WithHttpsEndpoint(port: 8443, isProxied: false);
        var web = builder.AddProject<FakeProject>("web").WithHttpEndpoint(port: 8080).WithReference(api);
        var options = TestModel.Resolve(builder);

        var env = (await TestModel.LaunchSpecAsync(builder, options, web.Resource)).Environment;

        Assert.Equal("https://127.0.0.1:8443", env["services__api__https__0"]);
    }

    [Fact]
    public async Task WithEndpoint_by_name_changes_an_endpoint_or_adds_it_unless_told_not_to()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var api = builder.AddProject<FakeProject>("api").WithHttpEndpoint(port: 8080)
            .WithEndpoint("http", e => e.IsExternal = true)
            .WithEndpoint("metrics", e => e.Port = 9464)
            .WithEndpoint("debug", e => e.Port = 5005, createIfNotExists: false);

        var endpoints = api.Resource.GetEndpoints().ToDictionary(e => e.Name);

        Assert.True(endpoints["http"].IsExternal);
        Assert.Equal(9464, endpoints["metrics"].Port);
        Assert.False(endpoints.ContainsKey("debug"));
    }
}
