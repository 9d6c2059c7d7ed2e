using Aspire.Hosting.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Nuzantara.Hosting.Orchestration;

namespace Nuzantara.Hosting.Tests.ApplicationModel;

/// <summary>WithUrl, WithUrls and WithUrlForEndpoint produce the links Aspire's would, from the allocated endpoints.</summary>
public sealed class ResourceUrlTests
{
    [Fact]
    public async Task Each_endpoint_is_a_link_named_after_it()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var api = builder.AddProject<FakeProject>("api").WithHttpEndpoint(port: 8080).WithEndpoint(port: 9090, scheme: "tcp", name: "grpc");

        TestModel.Resolve(builder);
        var urls = await ResolveAsync(builder, api.Resource);

        Assert.Equal([("http", "http://127.0.0.1:8080"), ("grpc", "tcp://127.0.0.1:9090")], urls.Select(u => (u.Name, u.Url)));
        Assert.All(urls, u => Assert.False(u.IsInternal));
    }

    [Fact]
    public async Task A_relative_url_extends_the_endpoints_link_and_an_absolute_one_is_one_more()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var api = builder.AddProject<FakeProject>("api").WithHttpEndpoint(port: 8080).WithUrl("/swagger", "Swagger");
        var worker = builder.AddProject<FakeProject>("worker").WithHttpEndpoint(port: 8081).WithUrl("https://runbooks.example.org/worker", "Runbook");

        TestModel.Resolve(builder);
        var apiUrls = await ResolveAsync(builder, api.Resource);
        var workerUrls = await ResolveAsync(builder, worker.Resource);

        Assert.Equal([("http://127.0.0.1:8080/swagger", "Swagger")], apiUrls.Select(u => (u.Url, u.DisplayProperties.DisplayName)));
        Assert.Equal([("http://127.0.0.1:8081", ""), ("https://runbooks.example.org/worker", "Runbook")],
            workerUrls.Select(u => (u.Url, u.DisplayProperties.DisplayName)));
    }

    [Fact]
    public async Task An_interpolated_url_resolves_its_endpoint_and_belongs_to_it()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var api = builder.AddProject<FakeProject>("api").WithHttpEndpoint(port: 8080);
        var endpoint = api.GetEndpoint("http");
        api.WithUrl($"{endpoint}/health/ready", "Readiness");

        TestModel.Resolve(builder);
        var urls = await ResolveAsync(builder, api.Resource);

        var readiness = Assert.Single(urls, u => u.DisplayProperties.DisplayName == "Readiness");
        Assert.Equal(("http", "http://127.0.0.1:8080/health/ready"), (readiness.Name, readiness.Url));
    }

    [Fact]
    public async Task WithUrlForEndpoint_changes_that_endpoints_link_and_can_fold_it_into_the_details()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var api = builder.AddProject<FakeProject>("api").WithHttpEndpoint(port: 8080).WithEndpoint(port: 9090, scheme: "http", name: "admin")
            .WithUrlForEndpoint("http", u => u.DisplayText = "Home")
            .WithUrlForEndpoint("admin", u =>
            {
                u.DisplayText = "Admin";
                u.DisplayLocation = UrlDisplayLocation.DetailsOnly;
            })
            .WithUrlForEndpoint("missing", u => u.DisplayText = "never");

        TestModel.Resolve(builder);
        var urls = await ResolveAsync(builder, api.Resource);

        Assert.Equal([("Home", false), ("Admin", true)], urls.Select(u => (u.DisplayProperties.DisplayName, u.IsInternal)));
    }

    [Fact]
    public async Task DisplayOrder_puts_links_first_and_a_restart_resolves_the_same_links_again()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var api = builder.AddProject<FakeProject>("api").WithHttpEndpoint(port: 8080)
            .WithUrls(c => c.Urls.Add(new ResourceUrlAnnotation { Url = "https://status.example.org", DisplayText = "Status", DisplayOrder = 10 }))
            .WithUrl("/docs");

        TestModel.Resolve(builder);
        var first = await ResolveAsync(builder, api.Resource);
        var second = await ResolveAsync(builder, api.Resource);

        Assert.Equal(["https://status.example.org/docs", "http://127.0.0.1:8080/docs"], first.Select(u => u.Url));
        Assert.Equal(first, second);
    }

    private static Task<IReadOnlyList<UrlSnapshot>> ResolveAsync(IDistributedApplicationTestingBuilder builder, IResource resource) =>
        ResourceUrls.ResolveAsync(resource, builder.ExecutionContext, NullLogger.Instance, TestContext.Current.CancellationToken);
}
