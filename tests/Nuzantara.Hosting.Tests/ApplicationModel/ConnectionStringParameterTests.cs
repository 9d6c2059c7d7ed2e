using System.Text.Json;
using Aspire.Hosting.Testing;
using Nuzantara.Hosting.Tests.Integrations;

namespace Nuzantara.Hosting.Tests.ApplicationModel;

/// <summary>AddConnectionString: a connection string from ConnectionStrings:name, referenced and published as Aspire does.</summary>
public sealed class ConnectionStringParameterTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_configured_connection_string_is_given_to_a_referencing_resource()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.Configuration["ConnectionStrings:orders"] = "Host=db.internal;Database=orders";
        var orders = builder.AddConnectionString("orders");
        var api = builder.AddExecutable("api", "sleep", ".", "300").WithReference(orders);
        var options = TestModel.Resolve(builder);

        var env = (await TestModel.LaunchSpecAsync(builder, options, api.Resource)).Environment;

        Assert.Equal("Host=db.internal;Database=orders", env["ConnectionStrings__orders"]);
    }

    [Fact]
    public async Task The_environment_variable_name_replaces_ConnectionStrings__name()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.Configuration["ConnectionStrings:orders"] = "Host=db.internal";
        var api = builder.AddExecutable("api", "sleep", ".", "300").WithReference(builder.AddConnectionString("orders", "ORDERS_DB"));
        var options = TestModel.Resolve(builder);

        var env = (await TestModel.LaunchSpecAsync(builder, options, api.Resource)).Environment;

        Assert.Equal("Host=db.internal", env["ORDERS_DB"]);
        Assert.False(env.ContainsKey("ConnectionStrings__orders"));
    }

    [Fact]
    public void An_unset_connection_string_stops_the_start_naming_its_key()
    {
        using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddConnectionString("orders");

        var error = Assert.Throws<DistributedApplicationException>(() => TestModel.Resolve(builder));

        Assert.StartsWith("Connection string 'orders' has no value.", error.Message);
        Assert.Contains("'ConnectionStrings:orders'", error.Message);
        Assert.Contains("ConnectionStrings__orders=<value>", error.Message);
    }

    [Fact]
    public async Task The_manifest_asks_for_it_as_a_secret_parameter_with_a_connection_string()
    {
        await using var model = PublishedModel.For("manifest");
        model.Builder.Configuration["ConnectionStrings:orders"] = "never-published";
        var orders = model.Builder.AddConnectionString("orders");
        model.Builder.AddContainer("api", "docker.io/library/busybox", "1.37").WithReference(orders);

        await model.PublishAsync(Token);

        var manifest = model.Read("aspire-manifest.json");
        var resources = JsonDocument.Parse(manifest).RootElement.GetProperty("resources");
        Assert.Equal("""
            {
              "type": "parameter.v0",
              "connectionString": "{orders.value}",
              "value": "{orders.inputs.value}",
              "inputs": {
                "value": {
                  "type": "string",
                  "secret": true
                }
              }
            }
            """.ReplaceLineEndings(), JsonSerializer.Serialize(resources.GetProperty("orders"), new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings());
        Assert.Equal("{orders.connectionString}", resources.GetProperty("api").GetProperty("env").GetProperty("ConnectionStrings__orders").GetString());
        Assert.DoesNotContain("never-published", manifest);
        Assert.Empty(await PublishedModel.SchemaErrorsAsync(manifest, Token));
    }
}
