using System.Net;
using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Nuzantara.Hosting.Orchestration;
using Nuzantara.Hosting.Publishing;
using Nuzantara.Hosting.Publishing.Manifest;

namespace Nuzantara.Hosting.Tests.ApplicationModel;

/// <summary>
/// Calls that compiled and ran but did something other than Aspire does (issue 18), each checked where it went wrong:
/// at launch, in the manifest, or in the request a health check sends.
/// </summary>
public sealed class BehavesAsAspireTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_interpolated_endpoint_in_an_environment_value_is_a_reference_expression()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var backend = builder.AddContainer("backend", "example/backend").WithHttpEndpoint(targetPort: 8080);
        var worker = builder.AddContainer("worker", "example/worker").WithEnvironment("API", $"{backend.GetEndpoint("http")}/api");
        var options = TestModel.Resolve(builder);

        var launched = (await TestModel.LaunchSpecAsync(builder, options, worker.Resource)).Environment;
        var manifest = await ManifestAsync(builder);

        Assert.Equal(backend.GetEndpoint("http").Url + "/api", launched["API"]);
        Assert.StartsWith("http://127.0.0.1:", launched["API"]);
        Assert.Equal("{backend.bindings.http.url}/api", (string?)manifest["worker"]!["env"]!["API"]);
    }

    [Fact]
    public async Task A_tag_written_in_the_image_is_the_tag_when_none_is_given()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var tagged = builder.AddContainer("tagged", "nginx:1.27");
        var plain = builder.AddContainer("plain", "registry.example:5000/team/app");
        var explicitTag = builder.AddContainer("explicit", "redis", "7.4");
        var retagged = builder.AddContainer("retagged", "old/image").WithImage("valkey/valkey:8");

        ContainerImageAnnotation Image(IResourceBuilder<ContainerResource> container) => container.Resource.Annotations.OfType<ContainerImageAnnotation>().Single();

        Assert.Equal(("nginx", "1.27"), (Image(tagged).Image, Image(tagged).Tag));
        Assert.Equal(("registry.example:5000", "team/app", "latest"), (Image(plain).Registry, Image(plain).Image, Image(plain).Tag));
        Assert.Equal(("redis", "7.4"), (Image(explicitTag).Image, Image(explicitTag).Tag));
        Assert.Equal(("valkey/valkey", "8"), (Image(retagged).Image, Image(retagged).Tag));
        var manifest = await ManifestAsync(builder);
        Assert.Equal("nginx:1.27", (string?)manifest["tagged"]!["image"]);
    }

    [Fact]
    public async Task An_async_environment_callback_is_awaited_before_launch_and_before_publishing()
    {
        // The callback finishes only once the gate opens, after the resolver has been called: an unawaited (async void)
        // callback would be resolved without its value.
        var gate = new TaskCompletionSource();
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var worker = builder.AddContainer("worker", "example/worker").WithEnvironment(async context =>
        {
            await gate.Task;
            context.EnvironmentVariables["LATE"] = "set after an await";
        });
        var options = TestModel.Resolve(builder);

        var launch = TestModel.LaunchSpecAsync(builder, options, worker.Resource);
        var publish = ManifestAsync(builder);
        Assert.False(launch.IsCompleted);
        gate.SetResult();

        Assert.Equal("set after an await", (await launch).Environment["LATE"]);
        Assert.Equal("set after an await", (string?)(await publish)["worker"]!["env"]!["LATE"]);
    }

    [Fact]
    public async Task An_async_arguments_callback_is_awaited_before_launch_and_before_publishing()
    {
        var gate = new TaskCompletionSource();
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var worker = builder.AddContainer("worker", "example/worker").WithArgs(async context =>
        {
            await gate.Task;
            context.Args.Add("--late");
        });
        var options = TestModel.Resolve(builder);

        var launch = TestModel.LaunchSpecAsync(builder, options, worker.Resource);
        var publish = ManifestAsync(builder);
        Assert.False(launch.IsCompleted);
        gate.SetResult();

        Assert.Equal(["--late"], (await launch).Args);
        Assert.Equal(["--late"], (await publish)["worker"]!["args"]!.AsArray().Select(a => (string?)a));
    }

    [Fact]
    public async Task An_http_health_check_without_a_path_probes_the_root()
    {
        var port = PortAllocator.FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var web = builder.AddContainer("web", "example/web").WithHttpEndpoint(port: port, targetPort: port).WithHttpHealthCheck();
        TestModel.Resolve(builder);
        var key = web.Resource.OfAnnotation<HealthCheckAnnotation>().Single().Key;
        await using var services = builder.Services.BuildServiceProvider();
        var registration = services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Single(r => r.Name == key);

        var check = registration.Factory(services).CheckHealthAsync(new HealthCheckContext { Registration = registration }, Token);
        var request = await listener.GetContextAsync().WaitAsync(TimeSpan.FromSeconds(10), Token);
        var probedPath = request.Request.Url!.AbsolutePath;
        request.Response.StatusCode = probedPath == "/" ? 200 : 404;
        request.Response.Close();

        Assert.Equal("/", probedPath);
        Assert.Equal(HealthStatus.Healthy, (await check).Status);
    }

    [Fact]
    public async Task A_secret_parameter_is_asked_of_the_deployment_and_only_integration_passwords_are_generated()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddParameter("api-key", secret: true);
        builder.AddRedis("redis");

        var manifest = await ManifestAsync(builder);

        Assert.Equal(
            """{"type":"parameter.v0","value":"{api-key.inputs.value}","inputs":{"value":{"type":"string","secret":true}}}""",
            manifest["api-key"]!.ToJsonString());
        Assert.Equal(
            """{"type":"string","secret":true,"default":{"generate":{"minLength":22,"special":false}}}""",
            manifest["redis-password"]!["inputs"]!["value"]!.ToJsonString());
    }

    [Fact]
    public async Task A_secret_parameter_without_a_value_stops_the_start_naming_the_key_and_how_to_set_it()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddParameter("api-key", secret: true);

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(async () =>
        {
            await using var app = await builder.BuildAsync(Token);
            await app.StartAsync(Token);
        });

        Assert.StartsWith("Parameter 'api-key' has no value.", error.Message);
        Assert.Contains("'Parameters:api-key'", error.Message);
        Assert.Contains("Parameters__api-key=<value>", error.Message);
        Assert.Contains("dotnet user-secrets set \"Parameters:api-key\"", error.Message);
    }

    [Fact]
    public async Task Redis_and_PostgreSQL_without_a_port_get_free_ports_and_keep_their_images_ports_inside()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var caches = new[] { builder.AddRedis("cache-a"), builder.AddRedis("cache-b") };
        var servers = new[] { builder.AddPostgres("db-a"), builder.AddPostgres("db-b") };
        TestModel.Resolve(builder);

        var ports = caches.Select(c => c.Resource.PrimaryEndpoint.Port).Concat(servers.Select(s => s.Resource.PrimaryEndpoint.Port)).ToList();
        var manifest = await ManifestAsync(builder);

        Assert.Equal(4, ports.Distinct().Count());
        Assert.DoesNotContain(6379, ports);
        Assert.DoesNotContain(5432, ports);
        Assert.Equal("""{"scheme":"redis","protocol":"tcp","transport":"tcp","targetPort":6379}""", manifest["cache-a"]!["bindings"]!["tcp"]!.ToJsonString());
        Assert.Equal("""{"scheme":"tcp","protocol":"tcp","transport":"tcp","targetPort":5432}""", manifest["db-a"]!["bindings"]!["tcp"]!.ToJsonString());
    }

    [Fact]
    public async Task A_user_name_for_PostgreSQL_is_its_superuser_in_the_manifest_as_Aspire_writes_it()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create("--publisher", "manifest");
        var user = builder.AddParameter("db-user");
        builder.AddPostgres("db", user);

        var db = (await ManifestAsync(builder))["db"]!;

        Assert.Equal("Host={db.bindings.tcp.host};Port={db.bindings.tcp.port};Username={db-user.value};Password={db-password.value}", (string?)db["connectionString"]);
        Assert.Equal("{db-user.value}", (string?)db["env"]!["POSTGRES_USER"]);
    }

    /// <summary>The manifest's <c>resources</c>, rendered as <c>--publisher manifest</c> renders them.</summary>
    private static async Task<JsonObject> ManifestAsync(IDistributedApplicationTestingBuilder builder)
    {
        var context = new PublishingContext(new DistributedApplicationModel(builder.Resources),
            new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish, "manifest"), "Production", builder.Configuration,
            new ServiceCollection().BuildServiceProvider(), builder.StateDirectory);
        var deployment = await DeploymentModel.CreateAsync(context, Token);
        return JsonNode.Parse(ManifestPublisher.Render(deployment, builder.StateDirectory))!["resources"]!.AsObject();
    }
}
