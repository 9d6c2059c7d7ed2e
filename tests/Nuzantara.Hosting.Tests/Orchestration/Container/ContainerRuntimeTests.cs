using Aspire.Hosting.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nuzantara.Hosting.Orchestration.Container;
using Nuzantara.Hosting.Tests.ApplicationModel;

namespace Nuzantara.Hosting.Tests.Orchestration.Container;

/// <summary>
/// The container runtime against <see cref="FakeDockerEngine"/>, for what a live engine cannot show here: a pull (no
/// registry is reachable), the exact stop request, an engine's refusal. Everything else runs against a real engine in
/// tests/Nuzantara.AppHost.Tests (ContainerRuntimeTests).
/// </summary>
public sealed class ContainerRuntimeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_launch_pulls_the_missing_image_replaces_the_stale_container_and_follows_output_until_the_exit_code()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        await using var engine = await StartEngineAsync(builder);
        var redis = builder.AddRedis("redis");
        var options = TestModel.Resolve(builder);
        await using var app = await builder.BuildAsync(Token);
        var runtime = await ProbedRuntimeAsync(app);
        var name = $"nuzantara-{runtime.AppHostId}-redis";
        var stale = engine.AddContainer(name, new Dictionary<string, string>());

        var running = await runtime.LaunchAsync(redis.Resource, await TestModel.LaunchSpecAsync(builder, options, redis.Resource), Token);
        var id = engine.IdOf(name);
        engine.Exit(id, 3);
        var exitCode = await running.Exited.WaitAsync(Timeout, Token);

        Assert.Equal(3, exitCode);
        Assert.Null(running.ProcessId);
        Assert.False(engine.HasContainer(stale));
        Assert.False(engine.HasContainer(id));
        var requests = engine.Requests.ToList();
        Assert.Contains("POST /images/create?fromImage=docker.io%2Flibrary%2Fredis&tag=7.4", requests);
        var removedStale = requests.FindIndex(r => r.StartsWith($"DELETE /containers/{name}?", StringComparison.Ordinal));
        Assert.InRange(removedStale, 0, requests.FindIndex(r => r.StartsWith("POST /containers/create", StringComparison.Ordinal)));
        Assert.Contains(requests, r => r.StartsWith($"DELETE /containers/{id}?", StringComparison.Ordinal));

        var body = engine.Created[name];
        Assert.Equal("docker.io/library/redis:7.4", body["Image"]!.GetValue<string>());
        Assert.Equal("host", body["HostConfig"]!["NetworkMode"]!.GetValue<string>());
        Assert.Equal("no", body["HostConfig"]!["RestartPolicy"]!["Name"]!.GetValue<string>());
        Assert.Contains($"REDIS_PASSWORD={redis.Resource.PasswordParameter.Value}", body["Env"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal(runtime.AppHostId, body["Labels"]![ContainerNames.AppHostLabel]!.GetValue<string>());

        var lines = app.ResourceLogs.GetLines("redis");
        Assert.Contains(lines, l => l.Text == "[nuzantara] pulling docker.io/library/redis:7.4" && !l.IsError);
        Assert.Contains(lines, l => l.Text == "layer1: Pull complete");
        Assert.DoesNotContain(lines, l => l.Text.Contains("Downloading", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Text == "Ready to accept connections tcp" && !l.IsError);
        Assert.Contains(lines, l => l.Text == "warning: ünïcode on stderr" && l.IsError);
    }

    [Fact]
    public async Task Stopping_asks_the_engine_to_stop_within_the_grace_period()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        await using var engine = await StartEngineAsync(builder);
        var redis = builder.AddRedis("redis");
        var options = TestModel.Resolve(builder);
        engine.AddImage("docker.io/library/redis:7.4");
        await using var app = await builder.BuildAsync(Token);
        var runtime = await ProbedRuntimeAsync(app);

        var running = await runtime.LaunchAsync(redis.Resource, await TestModel.LaunchSpecAsync(builder, options, redis.Resource), Token);
        var id = engine.IdOf($"nuzantara-{runtime.AppHostId}-redis");
        Assert.False(running.Exited.IsCompleted);
        await running.StopAsync(TimeSpan.FromSeconds(4.2), Token).WaitAsync(Timeout, Token);

        Assert.Equal(0, await running.Exited);
        Assert.Contains($"POST /containers/{id}/stop?t=5", engine.Requests);
        Assert.DoesNotContain(engine.Requests, r => r.StartsWith("POST /images/create", StringComparison.Ordinal));
        Assert.False(engine.HasContainer(id));
    }

    [Fact]
    public async Task An_engine_refusal_is_a_launch_failure_with_the_engines_own_words_and_leaves_no_container()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        await using var engine = await StartEngineAsync(builder);
        var redis = builder.AddRedis("redis");
        var options = TestModel.Resolve(builder);
        engine.AddImage("docker.io/library/redis:7.4");
        engine.CreateFailure = (400, "invalid mount config for type \"volume\"");
        await using var app = await builder.BuildAsync(Token);
        var runtime = await ProbedRuntimeAsync(app);

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(async () =>
            await runtime.LaunchAsync(redis.Resource, await TestModel.LaunchSpecAsync(builder, options, redis.Resource), Token));

        Assert.Equal("The container engine refused to run 'redis' (docker.io/library/redis:7.4): invalid mount config for type \"volume\"", error.Message);
        Assert.False(engine.HasContainer($"nuzantara-{runtime.AppHostId}-redis"));
    }

    [Fact]
    public async Task A_missing_bind_mount_source_fails_before_the_engine_could_create_it_as_a_folder()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        await using var engine = await StartEngineAsync(builder);
        var missing = Path.Combine(builder.StateDirectory, "missing.yml");
        var web = builder.AddContainer("web", "docker.io/library/nginx", "1.27").WithBindMount(missing, "/etc/nginx/nginx.conf", isReadOnly: true);
        var options = TestModel.Resolve(builder);
        await using var app = await builder.BuildAsync(Token);
        var runtime = await ProbedRuntimeAsync(app);

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(async () =>
            await runtime.LaunchAsync(web.Resource, await TestModel.LaunchSpecAsync(builder, options, web.Resource), Token));

        Assert.Equal($"'web' mounts {missing}, which does not exist. Create it, or fix the path given to the AppHost.", error.Message);
        Assert.DoesNotContain(engine.Requests, r => r.StartsWith("POST /containers/create", StringComparison.Ordinal));
    }

    private static async Task<FakeDockerEngine> StartEngineAsync(IDistributedApplicationTestingBuilder builder)
    {
        // Unix socket paths are limited to 107 bytes: keep it short rather than under the state directory.
        var engine = await FakeDockerEngine.StartAsync(Path.Combine(Path.GetTempPath(), "nzfe-" + Guid.NewGuid().ToString("N")[..8]), Token);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["DOCKER_HOST"] = engine.DockerHost });
        return engine;
    }

    private static async Task<ContainerRuntime> ProbedRuntimeAsync(DistributedApplication app)
    {
        Assert.Null(await app.Services.GetRequiredService<ContainerEngine>().ProbeAsync(Token));
        return app.Services.GetRequiredService<ContainerRuntime>();
    }
}
