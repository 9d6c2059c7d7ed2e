using Aspire.Hosting.Testing;

namespace Nuzantara.Hosting.Tests.ApplicationModel;

/// <summary>One expression, two worlds: symbolic for the manifest, a value at run time.</summary>
public sealed class ReferenceExpressionTests
{
    [Fact]
    public async Task Connection_strings_render_as_manifest_expressions_and_resolve_to_values()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var redis = builder.AddRedis("redis", port: 6379);
        var postgres = builder.AddPostgres("postgres");
        var database = postgres.AddDatabase("nuzantara");

        Assert.Equal("{redis.bindings.tcp.host}:{redis.bindings.tcp.port},password={redis-password.value}", redis.Resource.ConnectionStringExpression.ValueExpression);
        Assert.Equal("{redis.connectionString}", ((IManifestExpressionProvider)redis.Resource).ValueExpression);
        Assert.Equal(
            "Host={postgres.bindings.tcp.host};Port={postgres.bindings.tcp.port};Username=postgres;Password={postgres-password.value}",
            postgres.Resource.ConnectionStringExpression.ValueExpression);
        Assert.Equal("{postgres.connectionString};Database=nuzantara", database.Resource.ConnectionStringExpression.ValueExpression);

        TestModel.Resolve(builder);
        Assert.Equal($"127.0.0.1:6379,password={redis.Resource.PasswordParameter.Value}", await redis.Resource.ConnectionStringExpression.GetValueAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Endpoint_properties_have_Aspire_binding_expressions()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var api = builder.AddProject<FakeProject>("backend").WithHttpEndpoint(port: 8080);
        var endpoint = api.GetEndpoint("http");

        Assert.Equal("{backend.bindings.http.url}", endpoint.ValueExpression);
        Assert.Equal("{backend.bindings.http.host}", endpoint.Property(EndpointProperty.Host).ValueExpression);
        Assert.Equal("{backend.bindings.http.port}", endpoint.Property(EndpointProperty.Port).ValueExpression);
        Assert.Equal("{backend.bindings.http.targetPort}", endpoint.Property(EndpointProperty.TargetPort).ValueExpression);
        Assert.Equal("{backend.bindings.http.host}:{backend.bindings.http.port}", endpoint.Property(EndpointProperty.HostAndPort).ValueExpression);
    }

    [Fact]
    public async Task Literal_braces_survive_both_renderings()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.Configuration["Parameters:token"] = "s3cret";
        var secret = builder.AddParameter("token", secret: true);
        var expression = ReferenceExpression.Create($"{{\"token\":\"{secret.Resource}\"}}");
        TestModel.Resolve(builder);

        Assert.Equal("{\"token\":\"{token.value}\"}", expression.ValueExpression);
        Assert.Equal($"{{\"token\":\"{secret.Resource.Value}\"}}", await expression.GetValueAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_endpoint_has_no_value_before_the_application_allocates_it()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var api = builder.AddProject<FakeProject>("backend").WithHttpEndpoint(port: 8080);

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(async () => await api.GetEndpoint("http").GetValueAsync(TestContext.Current.CancellationToken));

        Assert.Contains("'backend'", error.Message);
        Assert.Contains("allocated when the application starts", error.Message);
    }
}
