using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;
using Nuzantara.Hosting.Tests.Integrations;

namespace Nuzantara.Hosting.Tests.ApplicationModel;

/// <summary>AddConnectionString from an expression, and the WithReference overloads Aspire has: optional, and under another name.</summary>
public sealed class ReferenceOverloadTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_connection_string_from_an_expression_reaches_a_referencing_resource_resolved()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var key = builder.AddParameter("api-key", "k3y", secret: true);
        var search = builder.AddContainer("search", "docker.io/library/nginx", "1.27").WithHttpEndpoint(port: 9200, targetPort: 80);
        var connection = builder.AddConnectionString("search-db", ReferenceExpression.Create($"Endpoint={search.GetEndpoint("http")};Key={key}"));
        var api = builder.AddExecutable("api", "sleep", ".", "300").WithReference(connection);
        var options = TestModel.Resolve(builder);

        var env = (await TestModel.LaunchSpecAsync(builder, options, api.Resource)).Environment;

        Assert.Equal("Endpoint=http://127.0.0.1:9200;Key=k3y", env["ConnectionStrings__search-db"]);
        // It waits for what it names to start, as Aspire's WaitForStart; parameters have no lifetime.
        var wait = Assert.Single(connection.Resource.OfAnnotation<WaitAnnotation>());
        Assert.Equal((search.Resource, WaitType.WaitUntilStarted), (wait.Resource, wait.WaitType));
    }

    [Fact]
    public async Task The_builder_overload_adds_the_parts_given_and_the_manifest_writes_a_value()
    {
        await using var model = PublishedModel.For("manifest");
        var key = model.Builder.AddParameter("api-key", secret: true);
        var withKey = true;
        var connection = model.Builder.AddConnectionString("search-db", b =>
        {
            b.AppendLiteral("Endpoint=https://search.example.com");
            if (withKey)
            {
                b.Append($";Key={key}"); // the resource builder itself, as eShop writes it
            }
        });
        model.Builder.AddContainer("api", "docker.io/library/busybox", "1.37").WithReference(connection);

        await model.PublishAsync(Token);

        var resources = JsonNode.Parse(model.Read("aspire-manifest.json"))!["resources"]!;
        Assert.Equal("value.v0", (string?)resources["search-db"]!["type"]);
        Assert.Equal("Endpoint=https://search.example.com;Key={api-key.value}", (string?)resources["search-db"]!["connectionString"]);
        Assert.Equal("{search-db.connectionString}", (string?)resources["api"]!["env"]!["ConnectionStrings__search-db"]);
        Assert.Empty(await PublishedModel.SchemaErrorsAsync(model.Read("aspire-manifest.json"), Token));
    }

    [Fact]
    public async Task An_optional_reference_to_an_unset_connection_string_starts_without_its_variables()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var orders = builder.AddConnectionString("orders");
        var api = builder.AddExecutable("api", "sleep", ".", "300").WithReference(orders, optional: true);
        var options = TestModel.Resolve(builder);

        var env = (await TestModel.LaunchSpecAsync(builder, options, api.Resource)).Environment;

        Assert.DoesNotContain(env.Keys, k => k.Contains("orders", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_optional_reference_to_a_set_connection_string_gives_it_and_a_required_one_still_demands_it()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.Configuration["ConnectionStrings:orders"] = "Host=db.internal";
        var orders = builder.AddConnectionString("orders");
        var api = builder.AddExecutable("api", "sleep", ".", "300").WithReference(orders, optional: true);
        var options = TestModel.Resolve(builder);
        Assert.Equal("Host=db.internal", (await TestModel.LaunchSpecAsync(builder, options, api.Resource)).Environment["ConnectionStrings__orders"]);

        using var unset = DistributedApplicationTestingBuilder.Create();
        var required = unset.AddConnectionString("orders");
        unset.AddExecutable("api", "sleep", ".", "300").WithReference(required, optional: true);
        unset.AddExecutable("worker", "sleep", ".", "300").WithReference(required);
        var error = Assert.Throws<DistributedApplicationException>(() => TestModel.Resolve(unset));
        Assert.StartsWith("Connection string 'orders' has no value.", error.Message);
    }

    [Fact]
    public async Task A_service_referenced_under_another_name_gets_that_name_in_its_variables()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var catalog = builder.AddProject<FakeProject>("catalog").WithHttpEndpoint(port: 8085);
        var api = builder.AddExecutable("api", "sleep", ".", "300").WithReference(catalog, "products");
        var options = TestModel.Resolve(builder);

        var env = (await TestModel.LaunchSpecAsync(builder, options, api.Resource)).Environment;

        Assert.Equal("http://127.0.0.1:8085", env["services__products__http__0"]);
        // As Aspire writes it: the given name keeps its case.
        Assert.Equal("http://127.0.0.1:8085", env["products_HTTP"]);
        Assert.DoesNotContain(env.Keys, k => k.Contains("catalog", StringComparison.OrdinalIgnoreCase));
    }
}
