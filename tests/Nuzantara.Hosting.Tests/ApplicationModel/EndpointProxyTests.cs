using Aspire.Hosting.Testing;

namespace Nuzantara.Hosting.Tests.ApplicationModel;

/// <summary>IsProxied and WithEndpointProxySupport as the playground's ProxylessEndToEnd sets them; there is no proxy here either way.</summary>
public sealed class EndpointProxyTests
{
    [Fact]
    public async Task Endpoints_are_proxied_by_default_and_keep_what_the_AppHost_sets()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var redis = builder.AddRedis("redis", 9999).WithEndpoint("tcp", endpoint => endpoint.IsProxied = false);
        var api = builder.AddProject<FakeProject>("api").WithEndpoint("http", e =>
        {
            e.IsProxied = false;
            e.Port = 12345;
        });
        var api2 = builder.AddProject<FakeProject>("api2", launchProfileName: null).WithHttpEndpoint(port: 13456).WithHttpsEndpoint(isProxied: false);

        Assert.False(Assert.Single(redis.Resource.GetEndpoints()).IsProxied);
        var http = Assert.Single(api.Resource.GetEndpoints(), e => e.Name == "http");
        Assert.False(http.IsProxied);
        Assert.Equal(12345, http.Port);
        Assert.True(api2.Resource.GetEndpoints().Single(e => e.Name == "http").IsProxied);
        Assert.False(api2.Resource.GetEndpoints().Single(e => e.Name == "https").IsProxied);
    }

    [Fact]
    public async Task A_project_added_with_a_null_launch_profile_gets_none_as_in_Aspire()
    {
        var folder = Directory.CreateTempSubdirectory("nuzantara-profile-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "Properties"));
            File.WriteAllText(Path.Combine(folder, "Properties", "launchSettings.json"),
                """{ "profiles": { "http": { "commandName": "Project", "applicationUrl": "http://localhost:5202" } } }""");
            File.WriteAllText(Path.Combine(folder, "Api.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />");
            ProfiledProject.Path = Path.Combine(folder, "Api.csproj");
            await using var builder = DistributedApplicationTestingBuilder.Create();

            var api = builder.AddProject<ProfiledProject>("api");
            var api2 = builder.AddProject<ProfiledProject>("api2", launchProfileName: null).WithHttpEndpoint(port: 13456);
            var api3 = builder.AddProject<ProfiledProject>("api3", options => options.ExcludeLaunchProfile = true);

            Assert.Equal(5202, Assert.Single(api.Resource.GetEndpoints()).Port);
            Assert.Equal(13456, Assert.Single(api2.Resource.GetEndpoints()).Port);
            Assert.Empty(api3.Resource.GetEndpoints());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class ProfiledProject : IProjectMetadata
    {
        public static string Path { get; set; } = "";

        public string ProjectPath => Path;
    }

    [Fact]
    public async Task Proxy_support_turned_off_applies_to_endpoints_present_and_added_later()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var container = builder.AddContainer("web", "nginx").WithHttpEndpoint(targetPort: 80, name: "before");

        container.WithEndpointProxySupport(false).WithHttpEndpoint(targetPort: 81, name: "after");

        Assert.All(container.Resource.GetEndpoints(), e => Assert.False(e.IsProxied));
        Assert.False(Assert.Single(container.Resource.Annotations.OfType<ProxySupportAnnotation>()).ProxyEnabled);
    }
}
