using Aspire.Hosting.Testing;
using Docker.DotNet.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nuzantara.Hosting.Orchestration;
using Nuzantara.Hosting.Orchestration.Container;
using Nuzantara.Hosting.Tests.ApplicationModel;
using YamlDotNet.RepresentationModel;

namespace Nuzantara.Hosting.Tests.Orchestration.Container;

/// <summary>The create-container requests of the model's container resources, built from the real builders.</summary>
public sealed class ContainerSpecBuilderTests
{
    private const string AppHostId = "0a1b2c3d";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Redis_runs_its_image_on_the_host_network_with_the_generated_password_and_the_apphost_labels()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var redis = builder.AddRedis("redis");
        var options = TestModel.Resolve(builder);

        var parameters = ContainerSpecBuilder.Build(redis.Resource, await TestModel.LaunchSpecAsync(builder, options, redis.Resource), options, AppHostId);

        var password = redis.Resource.PasswordParameter.Value;
        Assert.True(password.Length >= 22);
        Assert.Equal("docker.io/library/redis:7.4", parameters.Image);
        Assert.Equal("nuzantara-0a1b2c3d-redis", parameters.Name);
        Assert.Contains($"REDIS_PASSWORD={password}", parameters.Env);
        Assert.Equal(["/bin/sh"], parameters.Entrypoint);
        var port = redis.Resource.PrimaryEndpoint.Allocated.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // The password from the environment through the shell, never on the command line; the listen address passed on.
        Assert.Equal(["-c", "exec redis-server --requirepass \"$REDIS_PASSWORD\" \"$@\"", "redis-server", "--bind", "127.0.0.1", "--port", port], parameters.Cmd);
        Assert.Equal("host", parameters.HostConfig.NetworkMode);
        Assert.Equal(RestartPolicyKind.No, parameters.HostConfig.RestartPolicy.Name);
        Assert.Null(parameters.User);
        Assert.Empty(parameters.HostConfig.Binds);
        Assert.Empty(parameters.HostConfig.Mounts);
        Assert.Equal("redis", parameters.Labels[ContainerNames.ResourceLabel]);
        Assert.Equal(AppHostId, parameters.Labels[ContainerNames.AppHostLabel]);
        Assert.Equal(Path.GetFullPath(builder.StateDirectory), parameters.Labels[ContainerNames.StateDirectoryLabel]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Postgres_gets_its_password_its_listen_address_and_a_named_volume_of_this_apphost(bool withDataVolume)
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var postgres = builder.AddPostgres("postgres");
        if (withDataVolume)
        {
            postgres.WithDataVolume();
        }

        var options = TestModel.Resolve(builder);

        var parameters = ContainerSpecBuilder.Build(postgres.Resource, await TestModel.LaunchSpecAsync(builder, options, postgres.Resource), options, AppHostId);

        Assert.Equal("docker.io/library/postgres:15", parameters.Image);
        Assert.Contains($"POSTGRES_PASSWORD={postgres.Resource.PasswordParameter.Value}", parameters.Env);
        Assert.Contains("POSTGRES_USER=postgres", parameters.Env);
        var volume = Assert.Single(parameters.HostConfig.Mounts);
        Assert.Equal("volume", volume.Type);
        // WithDataVolume() names the volume as Aspire does; without it, the runtime keeps the data under a volume of its own.
        var volumeName = withDataVolume ? VolumeNameGenerator.Generate(postgres, "data") : "postgres-data";
        Assert.Equal($"nuzantara-0a1b2c3d-{volumeName}", volume.Source);
        Assert.Equal("/var/lib/postgresql/data", volume.Target);
        Assert.False(volume.ReadOnly);
        Assert.Empty(parameters.HostConfig.Binds);
        // The image's own entrypoint (initdb on first start), which passes options on to postgres.
        Assert.Null(parameters.Entrypoint);
        var port = postgres.Resource.PrimaryEndpoint.Allocated.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(["-c", "listen_addresses=127.0.0.1", "-p", port], parameters.Cmd);
    }

    [Fact]
    public async Task A_named_data_volume_keeps_its_name_behind_the_apphost_prefix()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var postgres = builder.AddPostgres("postgres").WithDataVolume("pgdata");
        var options = TestModel.Resolve(builder);

        var parameters = ContainerSpecBuilder.Build(postgres.Resource, await TestModel.LaunchSpecAsync(builder, options, postgres.Resource), options, AppHostId);

        Assert.Equal("nuzantara-0a1b2c3d-pgdata", Assert.Single(parameters.HostConfig.Mounts).Source);
    }

    [Fact]
    public async Task CAdvisor_mounts_the_host_read_only()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var cadvisor = builder.AddCAdvisor("cadvisor");
        var options = TestModel.Resolve(builder);

        var parameters = ContainerSpecBuilder.Build(cadvisor.Resource, await TestModel.LaunchSpecAsync(builder, options, cadvisor.Resource), options, AppHostId);

        Assert.Equal("gcr.io/cadvisor/cadvisor:v0.49.1", parameters.Image);
        Assert.Equal(["/:/rootfs:ro", "/var/run:/var/run:ro", "/sys:/sys:ro", "/var/lib/docker:/var/lib/docker:ro"], parameters.HostConfig.Binds);
        Assert.Empty(parameters.HostConfig.Mounts);
        Assert.Equal("host", parameters.HostConfig.NetworkMode);
    }

    [Fact]
    public async Task A_generic_container_gets_its_arguments_after_the_entrypoints_and_its_mounts_as_declared()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var web = builder.AddContainer("web", "ghcr.io/example/web", "1.2")
            .WithAnnotation(new ContainerEntrypointAnnotation("/bin/web", ["serve"]))
            .WithArgs("--verbose")
            .WithEnvironment("GREETING", "a=b c")
            .WithBindMount("/srv/site", "/usr/share/site")
            .WithVolume("cache", "/var/cache/web", isReadOnly: true);
        var options = TestModel.Resolve(builder);

        var parameters = ContainerSpecBuilder.Build(web.Resource, await TestModel.LaunchSpecAsync(builder, options, web.Resource), options, AppHostId);

        Assert.Equal("ghcr.io/example/web:1.2", parameters.Image);
        Assert.Equal(["/bin/web"], parameters.Entrypoint);
        Assert.Equal(["serve", "--verbose"], parameters.Cmd);
        Assert.Contains("GREETING=a=b c", parameters.Env);
        Assert.Equal(["/srv/site:/usr/share/site"], parameters.HostConfig.Binds);
        var cache = Assert.Single(parameters.HostConfig.Mounts);
        Assert.Equal(("volume", "nuzantara-0a1b2c3d-cache", "/var/cache/web", true), (cache.Type, cache.Source, cache.Target, cache.ReadOnly));
    }

    [Fact]
    public async Task Prometheus_mounts_its_generated_configuration_which_lists_every_scrape_job()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var redis = builder.AddRedis("redis");
        builder.AddProject<FakeProject>("backend").WithHttpEndpoint(port: 8080).WithMetricsEndpoint();
        builder.AddRedisExporter("redis-exporter", redis);
        builder.AddCAdvisor("cadvisor");
        var prometheus = builder.AddPrometheus("prometheus").WithRetention("7d");
        var options = TestModel.Resolve(builder);
        using var services = Services(builder, options);

        var parameters = ContainerSpecBuilder.Build(prometheus.Resource, await TestModel.LaunchSpecAsync(builder, options, prometheus.Resource), options, AppHostId);
        await ContainerFiles.WriteAsync(prometheus.Resource, options, services, Token);

        var configFile = Path.Combine(builder.StateDirectory, "prometheus", "container-files", "etc", "prometheus", "prometheus.yml");
        Assert.Equal([$"{configFile}:/etc/prometheus/prometheus.yml:ro"], parameters.HostConfig.Binds);
        Assert.Equal(
            ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus", "--storage.tsdb.retention.time=7d",
             "--web.listen-address=127.0.0.1:9090", "--web.enable-lifecycle"],
            parameters.Cmd);
        Assert.Null(parameters.Entrypoint);

        var root = LoadYaml(await File.ReadAllTextAsync(configFile, Token));
        var jobs = ((YamlSequenceNode)root["scrape_configs"]).Cast<YamlMappingNode>().ToDictionary(j => j["job_name"].ToString(), j => j);
        Assert.Equal(["backend", "redis-exporter", "cadvisor", "prometheus", "apphost"], jobs.Keys);
        Assert.Equal("127.0.0.1:9121", ((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)jobs["redis-exporter"]["static_configs"])[0])["targets"])[0].ToString());
        Assert.Equal("127.0.0.1:8080", ((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)jobs["backend"]["static_configs"])[0])["targets"])[0].ToString());
    }

    [Fact]
    public async Task Prometheus_renders_the_same_configuration_natively_and_in_a_container_except_where_rule_files_are()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        Directory.CreateDirectory(builder.StateDirectory);
        var rules = Path.Combine(builder.StateDirectory, "alerts.yml");
        await File.WriteAllTextAsync(rules, "groups: []\n", Token);
        builder.AddRedis("redis");
        builder.AddNodeExporter("node-exporter");
        var prometheus = builder.AddPrometheus("prometheus").WithRuleFiles(rules);
        var options = TestModel.Resolve(builder);
        using var services = Services(builder, options);

        await ContainerFiles.WriteAsync(prometheus.Resource, options, services, Token);
        var nativeDirectory = Path.Combine(builder.StateDirectory, "native-prometheus");
        Directory.CreateDirectory(nativeDirectory);
        var recipe = prometheus.Resource.OfAnnotation<NativeRecipeAnnotation>().Single();
        await recipe.Prepare!(new NativeLaunchContext(prometheus.Resource, "/usr/bin/prometheus", nativeDirectory, null, services, Token));

        var container = await File.ReadAllTextAsync(Path.Combine(builder.StateDirectory, "prometheus", "container-files", "etc", "prometheus", "prometheus.yml"), Token);
        var native = await File.ReadAllTextAsync(Path.Combine(nativeDirectory, "prometheus.yml"), Token);
        Assert.Contains("/etc/prometheus/rules/alerts.yml", container);
        Assert.Contains(rules, native);
        Assert.Equal(native.Replace(rules, "/etc/prometheus/rules/alerts.yml"), container);
        Assert.Contains($"{builder.StateDirectory}:/etc/prometheus/rules:ro",
            ContainerSpecBuilder.Build(prometheus.Resource, new LaunchSpec(new Dictionary<string, string>(), []), options, AppHostId).HostConfig.Binds);
    }

    [Fact]
    public void A_container_resource_without_an_image_fails_with_its_name()
    {
        var resource = new ContainerResource("imageless");

        var error = Assert.Throws<DistributedApplicationException>(() =>
            ContainerSpecBuilder.Build(resource, new LaunchSpec(new Dictionary<string, string>(), []), new HostingOptions { StateDirectory = "/tmp/x" }, AppHostId));

        Assert.Contains("'imageless' has no container image", error.Message);
    }

    [Fact]
    public void The_apphost_id_is_stable_for_a_state_directory_and_differs_between_them()
    {
        var first = ContainerNames.AppHostId(new HostingOptions { StateDirectory = "/srv/one/.nuzantara" });

        Assert.Matches("^[0-9a-f]{8}$", first);
        Assert.Equal(first, ContainerNames.AppHostId(new HostingOptions { StateDirectory = "/srv/one/.nuzantara/" }));
        Assert.NotEqual(first, ContainerNames.AppHostId(new HostingOptions { StateDirectory = "/srv/two/.nuzantara" }));
    }

    private static ServiceProvider Services(IDistributedApplicationTestingBuilder builder, HostingOptions options) =>
        new ServiceCollection()
            .AddSingleton(options)
            .AddSingleton<IHostEnvironment>(builder.Environment)
            .AddSingleton(new DistributedApplicationModel(builder.Resources))
            .BuildServiceProvider();

    private static YamlMappingNode LoadYaml(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    [Fact]
    public async Task WithContainerName_WithEntrypoint_and_WithImageRegistry_shape_the_container_as_in_Aspire()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var worker = builder.AddContainer("worker", "library/busybox", "1.37")
            .WithContainerName("nightly-worker")
            .WithEntrypoint("/bin/sh")
            .WithImageRegistry("registry.example.org:5000")
            .WithArgs("-c", "sleep 300");
        var options = TestModel.Resolve(builder);

        var parameters = ContainerSpecBuilder.Build(worker.Resource, await TestModel.LaunchSpecAsync(builder, options, worker.Resource), options, AppHostId);

        Assert.Equal("nightly-worker", parameters.Name);
        Assert.Equal(["/bin/sh"], parameters.Entrypoint);
        Assert.Equal(["-c", "sleep 300"], parameters.Cmd);
        Assert.Equal("registry.example.org:5000/library/busybox:1.37", parameters.Image);
        Assert.Equal(AppHostId, parameters.Labels[ContainerNames.AppHostLabel]);
    }
}
