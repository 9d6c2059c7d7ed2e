using Aspire.Hosting.Testing;
using Nuzantara.Hosting.Tests.ApplicationModel;

namespace Nuzantara.Hosting.Tests.Storage;

/// <summary>URI-form connection strings: the user and password escaped as URI components when resolved, and in the manifest an entry of their own per escaped value, as Aspire writes it.</summary>
public sealed class ConnectionUriTests
{
    private const string Password = "p@ss/w:rd?#";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_uri_format_escapes_the_value_and_names_the_escaped_value_in_the_manifest()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var secret = builder.AddParameter("secret", Password, secret: true);
        var expression = ReferenceExpression.Create($"scheme://user:{secret.Resource:uri}@host");
        TestModel.Resolve(builder);

        Assert.Equal("scheme://user:p%40ss%2Fw%3Ard%3F%23@host", await expression.GetValueAsync(Token));
        Assert.Equal("scheme://user:{secret-uri-encoded.value}@host", expression.ValueExpression);
    }

    [Fact]
    public void A_format_other_than_uri_is_refused_when_the_expression_is_made()
    {
        using var builder = DistributedApplicationTestingBuilder.Create();
        var secret = builder.AddParameter("secret", Password, secret: true);

        Assert.Throws<NotSupportedException>(() => ReferenceExpression.Create($"{secret.Resource:base64}"));
    }

    [Fact]
    public async Task PostgreSQL_and_Redis_URIs_escape_user_and_password_and_PostgreSQLs_manifest_expression_is_Aspires()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var user = builder.AddParameter("pg-user", "app user");
        var postgres = builder.AddPostgres("pg", userName: user, password: builder.AddParameter("pg-pw", Password, secret: true));
        var database = postgres.AddDatabase("orders");
        var redis = builder.AddRedis("cache", password: builder.AddParameter("cache-pw", Password, secret: true));
        TestModel.Resolve(builder);
        var port = postgres.Resource.PrimaryEndpoint.Allocated.Port;

        var serverUri = Property(postgres.Resource, "Uri");
        Assert.Equal($"postgresql://app%20user:p%40ss%2Fw%3Ard%3F%23@127.0.0.1:{port}", await serverUri.GetValueAsync(Token));
        Assert.Equal("postgresql://{pg-user-uri-encoded.value}:{pg-pw-uri-encoded.value}@{pg.bindings.tcp.host}:{pg.bindings.tcp.port}", serverUri.ValueExpression);
        Assert.EndsWith($":{port}/orders", await Property(database.Resource, "Uri").GetValueAsync(Token));
        Assert.Equal("app user", await Property(postgres.Resource, "Username").GetValueAsync(Token));
        Assert.StartsWith("redis://:p%40ss%2Fw%3Ard%3F%23@", await Property(redis.Resource, "Uri").GetValueAsync(Token));
        // The ADO.NET form is not a URI: its password stays as it is.
        Assert.Contains($"Username=app user;Password={Password}", await postgres.Resource.ConnectionStringExpression.GetValueAsync(Token));
    }

    private static ReferenceExpression Property(IResourceWithConnectionString resource, string name) =>
        resource.GetConnectionProperties().Single(p => p.Key == name).Value;
}
