using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Nuzantara.ServiceDefaults.Clients;
using StackExchange.Redis;

namespace Nuzantara.Services.Tests;

/// <summary>
/// The original system's REDIS_URL and DATABASE_URL, honoured when the AppHost's connection string is not given: what
/// a service started with the original <c>.env</c> connects to.
/// </summary>
public sealed class ConnectionUrlTests
{
    [Theory]
    [InlineData("redis://cache.internal:6380/2", "cache.internal:6380", null, null, 2, false)]
    [InlineData("redis://localhost", "localhost:6379", null, null, -1, false)]
    [InlineData("redis://:s3cret@redis:6379", "redis:6379", null, "s3cret", -1, false)]
    [InlineData("redis://:p%40ss%3Aw%2Frd%23%25%2C%3D1@redis/0", "redis:6379", null, "p@ss:w/rd#%,=1", 0, false)]
    [InlineData("redis://:p@ss@redis:6379", "redis:6379", null, "p@ss", -1, false)] // a raw @: the last one ends the user info
    [InlineData("redis://app:s3cret@redis:6379", "redis:6379", "app", "s3cret", -1, false)]
    [InlineData("rediss://redis.example", "redis.example:6379", null, null, -1, true)]
    [InlineData("redis://[::1]:6380", "[::1]:6380", null, null, -1, false)]
    public void A_redis_url_gives_host_port_credentials_database_and_tls(string url, string endPoint, string? user, string? password, int database, bool ssl)
    {
        var options = ConnectionUrls.ParseRedis(url);

        Assert.Equal(endPoint, EndPoint(options));
        Assert.Equal(user, options.User);
        Assert.Equal(password, options.Password);
        Assert.Equal(database < 0 ? null : database, options.DefaultDatabase);
        Assert.Equal(ssl, options.Ssl);
    }

    [Fact]
    public void A_database_url_gives_every_part_and_a_password_with_special_characters_survives_the_connection_string()
    {
        var builder = ConnectionUrls.ParsePostgres("postgres://nuzantara:p%40ss%3Bw%3Drd'%22%2F@db.internal:5433/nuzantara");

        Assert.Equal("db.internal", builder.Host);
        Assert.Equal(5433, builder.Port);
        Assert.Equal("nuzantara", builder.Username);
        Assert.Equal("nuzantara", builder.Database);
        // Npgsql quotes what needs quoting: the password reads back whole from the connection string a data source gets.
        Assert.Equal("p@ss;w=rd'\"/", new NpgsqlConnectionStringBuilder(builder.ConnectionString).Password);
    }

    [Theory]
    [InlineData("postgresql://app:pw@db/app", "db", 5432, "app")]
    [InlineData("postgres://app:p@ss@db:6543/app", "db", 6543, "app")]
    public void A_database_url_takes_either_scheme_and_defaults_the_port(string url, string host, int port, string database)
    {
        var builder = ConnectionUrls.ParsePostgres(url);

        Assert.Equal((host, port, database), (builder.Host, builder.Port, builder.Database));
    }

    [Fact]
    public void A_database_urls_query_sets_the_connection_parameters_npgsql_knows()
    {
        Assert.Equal(SslMode.Require, ConnectionUrls.ParsePostgres("postgres://app:pw@db/app?sslmode=require").SslMode);
    }

    [Theory]
    [InlineData("localhost:6379")]
    [InlineData("http://:hunter2@redis:6379")]
    [InlineData("redis://:hunter2@redis:99999")]
    [InlineData("redis://:hunter2@redis:6379/cache")]
    [InlineData("redis://:hunter2@:6379")]
    public void An_invalid_redis_url_is_refused_naming_the_variable_and_not_the_password(string url)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ConnectionUrls.ParseRedis(url));

        Assert.StartsWith("REDIS_URL is not a valid URL", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Theory]
    [InlineData("mysql://app:hunter2@db/app")]
    [InlineData("postgres://app:hunter2@db/app?no_such_parameter=1")]
    public void An_invalid_database_url_is_refused_naming_the_variable_and_not_the_password(string url)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ConnectionUrls.ParsePostgres(url));

        Assert.StartsWith("DATABASE_URL is not a valid URL", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public void The_apphosts_connection_strings_win_over_the_urls()
    {
        var configuration = Configuration(new()
        {
            ["ConnectionStrings:redis"] = "aspire-redis:1234,password=aspire",
            ["REDIS_URL"] = "redis://:seed@seed-redis:6379",
            ["ConnectionStrings:nuzantara"] = "Host=aspire-postgres;Port=15432;Database=nuzantara;Username=aspire",
            ["DATABASE_URL"] = "postgres://seed:seed@seed-postgres:5432/seed",
        });

        Assert.Equal("aspire-redis:1234", EndPoint(ClientIntegrations.RedisOptions(configuration, "redis")));
        Assert.Equal("aspire-postgres", ClientIntegrations.NpgsqlConnectionString(configuration, "nuzantara").Host);
    }

    [Fact]
    public void Without_connection_strings_the_services_use_the_urls()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["REDIS_URL"] = "redis://:seed@seed-redis:6380";
        builder.Configuration["DATABASE_URL"] = "postgres://seed:seed@seed-postgres:5433/seed";

        builder.AddNpgsqlDataSource("nuzantara");
        using var services = builder.Services.BuildServiceProvider();

        Assert.Equal("seed-redis:6380", EndPoint(ClientIntegrations.RedisOptions(builder.Configuration, "redis")));
        var dataSource = new NpgsqlConnectionStringBuilder(services.GetRequiredService<NpgsqlDataSource>().ConnectionString);
        Assert.Equal(("seed-postgres", 5433, "seed", "seed"), (dataSource.Host, dataSource.Port, dataSource.Database, dataSource.Username));
    }

    [Fact]
    public void Without_either_the_error_names_both_ways_to_connect()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ClientIntegrations.RedisOptions(Configuration([]), "redis"));

        Assert.Equal("Connection string 'redis' is missing: set ConnectionStrings__redis (the AppHost injects it through WithReference) " +
            "or REDIS_URL (redis://[:password@]host:port[/db]).", error.Message);
        Assert.Contains("DATABASE_URL (postgres://user:password@host:port/database)",
            Assert.Throws<InvalidOperationException>(() => ClientIntegrations.NpgsqlConnectionString(Configuration([]), "nuzantara")).Message);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static string EndPoint(ConfigurationOptions options) => options.EndPoints.Single() switch
    {
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        var other => other.ToString()!,
    };
}
