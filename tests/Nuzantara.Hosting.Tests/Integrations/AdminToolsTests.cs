using System.Globalization;
using System.Text.Json.Nodes;
using Aspire.Hosting.Postgres;
using Aspire.Hosting.Redis;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Nuzantara.Hosting.Orchestration.Container;
using Nuzantara.Hosting.Tests.ApplicationModel;
using Nuzantara.Hosting.Tests.Orchestration;
using StackExchange.Redis;

namespace Nuzantara.Hosting.Tests.Integrations;

/// <summary>
/// Aspire's admin UIs (pgAdmin, pgweb, Redis Commander, RedisInsight): the configuration they are given, and the clear
/// failure where no container engine can run their images; Redis' WithPassword on a real server.
/// </summary>
[Collection(nameof(ProcessRuntimeTests))]
public sealed class AdminToolsTests
{
    private const string AppHostId = "0a1b2c3d";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_container_engine_each_admin_UI_fails_to_start_naming_its_image_and_the_fix_while_its_server_runs()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create("--runtime", "process");
        builder.AddPostgres("pg").WithPgAdmin().WithPgWeb();
        builder.AddRedis("cache").WithRedisCommander().WithRedisInsight(c => c.WithHostPort(null));
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);

        foreach (var (name, image) in new[]
        {
            ("pgadmin", "docker.io/dpage/pgadmin4:9.12.0"),
            ("pgweb", "docker.io/sosedoff/pgweb:0.17.0"),
            ("rediscommander", "docker.io/rediscommander/redis-commander:latest"),
            ("redisinsight", "docker.io/redis/redisinsight:3.0"),
        })
        {
            var failed = await app.ResourceNotifications.WaitForResourceAsync(name, KnownResourceStates.FailedToStart, Token).WaitAsync(Timeout, Token);
            Assert.StartsWith($"'{name}' runs only as a container (image {image}) and no container engine is in use.", failed.Snapshot.StateReason);
            Assert.Contains($"`docker load` {image} into the engine", failed.Snapshot.StateReason);
        }

        await app.ResourceNotifications.WaitForResourceHealthyAsync("pg", Token).WaitAsync(Timeout, Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("cache", Token).WaitAsync(Timeout, Token);
    }

    [Fact]
    public async Task The_admin_UIs_are_left_out_of_the_manifest()
    {
        await using var model = PublishedModel.For("manifest");
        model.Builder.AddPostgres("pg").WithPgAdmin().WithPgWeb();
        model.Builder.AddRedis("cache").WithRedisCommander().WithRedisInsight();

        await model.PublishAsync(Token);

        var resources = JsonNode.Parse(model.Read("aspire-manifest.json"))!["resources"]!.AsObject();
        Assert.Equal(["cache", "cache-password", "pg", "pg-password"], resources.Select(r => r.Key).Order());
    }

    [Fact]
    public async Task pgAdmin_gets_every_server_where_it_listens_with_its_user_and_password_and_listens_on_its_own_port()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var pg = builder.AddPostgres("pg", userName: builder.AddParameter("pg-user", "orders_admin")).WithPgAdmin(c => c.WithHostPort(15551));
        var other = builder.AddPostgres("other").WithPgAdmin();
        var options = TestModel.Resolve(builder);
        var pgAdmin = builder.Resources.OfType<PgAdminContainerResource>().Single();

        var parameters = ContainerSpecBuilder.Build(pgAdmin, await TestModel.LaunchSpecAsync(builder, options, pgAdmin), options, AppHostId);
        var file = pgAdmin.OfAnnotation<ContainerFileAnnotation>().Single();
        var servers = JsonNode.Parse(await file.Content(new ContainerFileContext(pgAdmin, Services(builder), Token)))!["Servers"]!;

        Assert.Equal("docker.io/dpage/pgadmin4:9.12.0", parameters.Image);
        Assert.Equal(15551, new EndpointReference(pgAdmin, "http").Port);
        Assert.Contains("PGADMIN_LISTEN_PORT=15551", parameters.Env);
        Assert.Contains("PGADMIN_LISTEN_ADDRESS=127.0.0.1", parameters.Env);
        Assert.Contains("PGADMIN_CONFIG_SERVER_MODE=False", parameters.Env);
        Assert.Equal("/pgadmin4/servers.json", file.Target);
        Assert.True(file.IsSecret);
        Assert.NotNull(parameters.User);
        Assert.Equal("pg", (string?)servers["1"]!["Name"]);
        Assert.Equal("127.0.0.1", (string?)servers["1"]!["Host"]);
        Assert.Equal(pg.Resource.PrimaryEndpoint.Port, (int)servers["1"]!["Port"]!);
        Assert.Equal("orders_admin", (string?)servers["1"]!["Username"]);
        Assert.Equal($"echo '{pg.Resource.PasswordParameter.Value}'", (string?)servers["1"]!["PasswordExecCommand"]);
        Assert.Equal("other", (string?)servers["2"]!["Name"]);
        Assert.Equal("postgres", (string?)servers["2"]!["Username"]);
        Assert.Equal(other.Resource.PrimaryEndpoint.Port, (int)servers["2"]!["Port"]!);
    }

    [Fact]
    public async Task pgweb_gets_a_bookmark_per_database_and_listens_on_its_own_port()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var pg = builder.AddPostgres("pg").WithPgWeb();
        var orders = pg.AddDatabase("orders", "orders_db");
        var options = TestModel.Resolve(builder);
        var pgWeb = builder.Resources.OfType<PgWebContainerResource>().Single();

        var parameters = ContainerSpecBuilder.Build(pgWeb, await TestModel.LaunchSpecAsync(builder, options, pgWeb), options, AppHostId);
        var bookmark = await PostgresBuilderExtensions.PgWebBookmarkAsync(orders.Resource, Token);

        var port = new EndpointReference(pgWeb, "http").Port.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(["--bind=127.0.0.1", $"--listen={port}", "--bookmarks-dir=/.pgweb/bookmarks", "--sessions"], parameters.Cmd);
        Assert.Equal(
            $"""
            host = "127.0.0.1"
            port = {pg.Resource.PrimaryEndpoint.Port}
            user = "postgres"
            password = "{pg.Resource.PasswordParameter.Value}"
            database = "orders_db"
            sslmode = "disable"

            """,
            bookmark);
    }

    [Fact]
    public async Task Redis_Commander_and_RedisInsight_get_every_Redis_where_it_listens_with_its_password()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var cache = builder.AddRedis("cache").WithRedisCommander(c => c.WithHostPort(33803)).WithRedisInsight(c => c.WithHostPort(41567).WithDataVolume("insight-data"));
        var sessions = builder.AddRedis("sessions").WithRedisCommander().WithRedisInsight();
        var options = TestModel.Resolve(builder);
        var commander = builder.Resources.OfType<RedisCommanderResource>().Single();
        var insight = builder.Resources.OfType<RedisInsightResource>().Single();

        var commanderSpec = ContainerSpecBuilder.Build(commander, await TestModel.LaunchSpecAsync(builder, options, commander), options, AppHostId);
        var insightSpec = ContainerSpecBuilder.Build(insight, await TestModel.LaunchSpecAsync(builder, options, insight), options, AppHostId);

        var (cachePort, sessionsPort) = (cache.Resource.PrimaryEndpoint.Port, sessions.Resource.PrimaryEndpoint.Port);
        var (cachePassword, sessionsPassword) = (cache.Resource.PasswordParameter.Value, sessions.Resource.PasswordParameter.Value);
        Assert.Contains($"REDIS_HOSTS=cache:127.0.0.1:{cachePort}:0:{cachePassword},sessions:127.0.0.1:{sessionsPort}:0:{sessionsPassword}", commanderSpec.Env);
        Assert.Contains("PORT=33803", commanderSpec.Env);
        Assert.Contains("ADDRESS=127.0.0.1", commanderSpec.Env);
        Assert.Contains("RI_APP_PORT=41567", insightSpec.Env);
        Assert.Contains($"RI_REDIS_PORT1={cachePort}", insightSpec.Env);
        Assert.Contains($"RI_REDIS_PASSWORD1={cachePassword}", insightSpec.Env);
        Assert.Contains("RI_REDIS_ALIAS2=sessions", insightSpec.Env);
        Assert.Contains($"RI_REDIS_HOST2=127.0.0.1", insightSpec.Env);
        Assert.Equal("/data", insight.OfAnnotation<ContainerMountAnnotation>().Single().Target);
        Assert.Equal(41567, insight.PrimaryEndpoint.Port);
    }

    [Fact]
    public async Task Redis_WithPassword_is_the_server_s_password_and_the_connection_string_s()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create("--runtime", "process");
        builder.AddRedis("cache").WithPassword(builder.AddParameter("pass", "p@ss \"w0rd\"!1", secret: true));
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("cache", Token).WaitAsync(Timeout, Token);

        var connectionString = (await app.GetConnectionStringAsync("cache", Token))!;
        Assert.EndsWith(",password=p@ss \"w0rd\"!1", connectionString);
        var endpoint = connectionString[..connectionString.IndexOf(',', StringComparison.Ordinal)];
        Assert.DoesNotContain(builder.Resources, r => r.Name == "cache-password");
        // The password as written, with the client's own escaping; without it the server refuses.
        var options = ConfigurationOptions.Parse(endpoint);
        options.Password = "p@ss \"w0rd\"!1";
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        Assert.True(await redis.GetDatabase().StringSetAsync("k", "v"));
        await RedisRefusal.AssertRefusedWithoutPasswordAsync(endpoint);
    }

    private static ServiceProvider Services(IDistributedApplicationTestingBuilder builder) =>
        new ServiceCollection().AddSingleton(new DistributedApplicationModel(builder.Resources)).BuildServiceProvider();
}
