using Aspire.Hosting.Testing;

namespace Nuzantara.Hosting.Tests.ApplicationModel;

/// <summary>A service must run unchanged under Aspire or Nuzantara: the injected names are Aspire's, to the letter.</summary>
public sealed class EnvironmentInjectionTests
{
    [Fact]
    public async Task Project_referencing_redis_and_a_database_gets_Aspire_connection_strings_and_properties()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var redis = builder.AddRedis("redis", port: 6379);
        var database = builder.AddPostgres("postgres", port: 5432).AddDatabase("nuzantara");
        var api = builder.AddProject<FakeProject>("api").WithHttpEndpoint(port: 8080).WithReference(redis).WithReference(database);
        var options = TestModel.Resolve(builder);

        var env = (await TestModel.LaunchSpecAsync(builder, options, api.Resource)).Environment;

        var redisPassword = redis.Resource.PasswordParameter.Value;
        var postgresPassword = database.Resource.Parent.PasswordParameter.Value;
        Assert.Equal($"127.0.0.1:6379,password={redisPassword}", env["ConnectionStrings__redis"]);
        Assert.Equal("127.0.0.1", env["REDIS_HOST"]);
        Assert.Equal("6379", env["REDIS_PORT"]);
        Assert.Equal(redisPassword, env["REDIS_PASSWORD"]);
        Assert.Equal($"redis://:{redisPassword}@127.0.0.1:6379", env["REDIS_URI"]);
        Assert.Equal($"Host=127.0.0.1;Port=5432;Username=postgres;Password={postgresPassword};Database=nuzantara", env["ConnectionStrings__nuzantara"]);
        Assert.Equal("nuzantara", env["NUZANTARA_DATABASENAME"]);
        Assert.Equal($"postgresql://postgres:{postgresPassword}@127.0.0.1:5432/nuzantara", env["NUZANTARA_URI"]);
        Assert.Equal("http://127.0.0.1:8080", env["ASPNETCORE_URLS"]);
    }

    [Fact]
    public async Task Project_referencing_a_service_gets_service_discovery_and_endpoint_variables()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var backend = builder.AddProject<FakeProject>("backend").WithHttpEndpoint(port: 8080);
        var python = builder.AddUvicornApp("python-backend", "/nonexistent/python", "app.main:app", port: 8000);
        var gateway = builder.AddProject<FakeProject>("orchestrator").WithHttpEndpoint(port: 3000).WithReference(backend).WithReference(python);
        var options = TestModel.Resolve(builder);

        var env = (await TestModel.LaunchSpecAsync(builder, options, gateway.Resource)).Environment;

        Assert.Equal("http://127.0.0.1:8080", env["services__backend__http__0"]);
        Assert.Equal("http://127.0.0.1:8080", env["BACKEND_HTTP"]);
        Assert.Equal("http://127.0.0.1:8000", env["services__python-backend__http__0"]);
        Assert.Equal("http://127.0.0.1:8000", env["PYTHON_BACKEND_HTTP"]);
        Assert.Equal("http://127.0.0.1:3000", env["ASPNETCORE_URLS"]);
    }

    [Fact]
    public async Task Telemetry_settings_are_Aspire_OTEL_variables_with_the_api_key_header()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var api = builder.AddProject<FakeProject>("api").WithHttpEndpoint(port: 8080);
        var python = builder.AddUvicornApp("ranker", "/nonexistent/python", "app.main:app", port: 8000);
        var options = TestModel.Resolve(builder);

        var dotnet = (await TestModel.LaunchSpecAsync(builder, options, api.Resource)).Environment;
        var py = (await TestModel.LaunchSpecAsync(builder, options, python.Resource)).Environment;

        Assert.Equal("http://127.0.0.1:18889", dotnet["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("grpc", dotnet["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.Equal("x-otlp-api-key=test-api-key", dotnet["OTEL_EXPORTER_OTLP_HEADERS"]);
        Assert.Equal("api", dotnet["OTEL_SERVICE_NAME"]);
        Assert.Equal("service.instance.id=api-abc123", dotnet["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal("1000", dotnet["OTEL_BSP_SCHEDULE_DELAY"]);
        Assert.Equal("1000", dotnet["OTEL_BLRP_SCHEDULE_DELAY"]);
        Assert.Equal("1000", dotnet["OTEL_METRIC_EXPORT_INTERVAL"]);
        Assert.Equal("http://127.0.0.1:18890", py["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("http/json", py["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.Equal("8000", py["PORT"]);
    }

    [Fact]
    public async Task Uvicorn_app_is_started_by_Debians_interpreter_on_its_allocated_port()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var python = builder.AddUvicornApp("ranker", "/nonexistent/python", "app.main:app", port: 8000);
        var options = TestModel.Resolve(builder);

        var spec = await TestModel.LaunchSpecAsync(builder, options, python.Resource);

        Assert.Equal("/usr/bin/python3", python.Resource.Command);
        Assert.Equal(["-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", "8000"], spec.Args);
    }
}
