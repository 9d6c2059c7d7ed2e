using Aspire.Hosting.Testing;
using Nuzantara.Hosting.Orchestration.Container;
using Nuzantara.Hosting.Tests.ApplicationModel;
using Nuzantara.Hosting.Tests.Integrations;

namespace Nuzantara.Hosting.Tests.Storage;

/// <summary>AddPostgres(userName:): the superuser of the container, the connection strings and the exporter.</summary>
public sealed class PostgresUserNameTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_user_name_parameter_is_the_containers_POSTGRES_USER_and_the_connection_strings_and_exporters_user()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var postgres = builder.AddPostgres("pg", userName: builder.AddParameter("pg-user", "orders_admin"), password: builder.AddParameter("pg-pw", "s3cret/pw", secret: true));
        var exporter = builder.AddPostgresExporter("pg-exporter", postgres);
        var options = TestModel.Resolve(builder);

        var container = ContainerSpecBuilder.Build(postgres.Resource, await TestModel.LaunchSpecAsync(builder, options, postgres.Resource), options, "0a1b2c3d");
        var exporterEnvironment = (await TestModel.LaunchSpecAsync(builder, options, exporter.Resource)).Environment;

        Assert.Contains("POSTGRES_USER=orders_admin", container.Env);
        Assert.Contains("Username=orders_admin;Password=s3cret/pw", await postgres.Resource.ConnectionStringExpression.GetValueAsync(Token));
        Assert.StartsWith("postgresql://orders_admin:s3cret%2Fpw@", exporterEnvironment["DATA_SOURCE_NAME"]);
    }

    [Fact]
    public async Task Published_the_user_is_a_parameter_and_the_readiness_check_uses_the_containers_user()
    {
        await using var model = PublishedModel.For("docker-compose");
        model.Builder.AddPostgres("pg", userName: model.Builder.AddParameter("pg-user"));

        await model.PublishAsync(Token);

        var compose = model.Read("docker-compose.yaml");
        Assert.Contains("POSTGRES_USER: ${PG_USER:?set PG_USER in .env}", compose);
        Assert.Contains("pg_isready -h 127.0.0.1 -p 5432 -U \"$$POSTGRES_USER\"", compose);
    }
}
