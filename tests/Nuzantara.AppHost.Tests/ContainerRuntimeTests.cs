using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Docker.DotNet.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Nuzantara.AppHost.Tests.LiveEngine;
using Nuzantara.Hosting.Orchestration;
using Nuzantara.Hosting.Orchestration.Container;

namespace Nuzantara.AppHost.Tests;

/// <summary>
/// The container runtime against a real Docker engine (<see cref="LiveDockerEngine"/>; the whole stack on Podman too)
/// and the images <c>images/build.sh</c> makes from Debian's packages: what `dotnet run` does where an engine answers.
/// </summary>
[Collection(LiveEngineCollection.Name)]
public sealed class ContainerRuntimeTests(LiveDockerEngine engine, LivePodmanEngine podman)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string[] ContainerRuntime => ["--runtime", "container", $"--DOCKER_HOST={engine.DockerHost}"];

    [Theory]
    [InlineData("docker")]
    [InlineData("podman")]
    public async Task The_whole_stack_runs_in_containers_and_stopping_removes_every_container_but_keeps_the_volumes(string kind)
    {
        LiveContainerEngine live = kind == "podman" ? podman : engine;
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Nuzantara_AppHost>(
            ["--runtime", "container", $"--DOCKER_HOST={live.DockerHost}"], Token);
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        var appHostId = app.Services.GetRequiredService<Hosting.Orchestration.Container.ContainerRuntime>().AppHostId;
        await WholeStack.WaitUntilHealthyAsync(app);

        string[] containerResources = ["redis", "postgres", "prometheus", "alertmanager", "node-exporter", "redis-exporter", "postgres-exporter"];
        var running = (await live.ContainersOfAsync(appHostId, Token)).Where(c => c.State == "running").Select(c => c.Labels[ContainerNames.ResourceLabel]);
        Assert.Equal(containerResources.Order(), running.Order());

        // cAdvisor has no Debian package, so no image of it can be made here and none can be pulled: it fails, saying so.
        var cadvisor = await app.ResourceNotifications.WaitForResourceAsync("cadvisor", KnownResourceStates.FailedToStart, Token).WaitAsync(Timeout, Token);
        Assert.Contains("gcr.io/cadvisor/cadvisor", cadvisor.Snapshot.StateReason);

        await WholeStack.AssertEveryEndpointAnswersAsync(app);
        var targets = await WholeStack.ScrapedTargetsAsync(app, health => health.Where(t => t.Key != "cadvisor").All(t => t.Value == "up"));
        Assert.Equal(
            ["alertmanager", "apphost", "backend", "cadvisor", "node-exporter", "orchestrator", "postgres-exporter", "prometheus", "python-backend", "redis-exporter"],
            targets.Keys.Order());
        Assert.All(targets.Where(t => t.Key != "cadvisor"), target => Assert.Equal("up", target.Value));

        await WholeStack.StopAndAssertNothingLeftAsync(app, builder);
        Assert.Empty(await live.ContainersOfAsync(appHostId, Token));
        var volumes = await live.Client.Volumes.ListAsync(Token);
        var postgresData = ContainerNames.Volume(appHostId, "postgres-data");
        Assert.Contains(volumes.Volumes, v => v.Name == postgresData);
        await live.Client.Volumes.RemoveAsync(postgresData, force: true, Token);
    }

    [Fact]
    public async Task Killed_PostgreSQL_and_Redis_containers_are_restarted_and_no_acknowledged_write_is_lost()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Nuzantara_AppHost>(ContainerRuntime, Token);
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        var appHostId = app.Services.GetRequiredService<Hosting.Orchestration.Container.ContainerRuntime>().AppHostId;
        await app.ResourceNotifications.WaitForResourceHealthyAsync("orchestrator", Token).WaitAsync(WholeStack.StartTimeout, Token);
        using var gateway = app.CreateHttpClient("orchestrator");

        // PostgreSQL first: Redis (a cache without persistence) dies last, so every read below comes from PostgreSQL.
        var written = new Dictionary<string, string>();
        foreach (var victim in new[] { "postgres", "redis" })
        {
            for (var i = 0; i < 10; i++)
            {
                var title = $"before {victim} dies #{i}";
                written[await PostUntilAcknowledgedAsync(gateway, title)] = title;
            }

            await engine.Client.Containers.KillContainerAsync(ContainerNames.Container(appHostId, builder.Resources.Single(r => r.Name == victim)),
                new ContainerKillParameters { Signal = "SIGKILL" }, Token);
            // Restarted by the AppHost (the engine's restart policy is "no"), and healthy again.
            await app.ResourceNotifications.WaitForResourceAsync(victim,
                e => e.Snapshot.RestartCount >= 1 && e.Snapshot.HealthStatus == HealthStatus.Healthy, Token).WaitAsync(Timeout, Token);
        }

        await app.ResourceNotifications.WaitForResourceHealthyAsync("backend", Token).WaitAsync(Timeout, Token);
        foreach (var (location, title) in written)
        {
            var document = await gateway.GetFromJsonAsync<System.Text.Json.JsonElement>(location, Token);
            Assert.Equal(title, document.GetProperty("title").GetString());
        }

        await app.StopAsync(Token);
        await engine.Client.Volumes.RemoveAsync(ContainerNames.Volume(appHostId, "postgres-data"), force: true, Token);
    }

    [Fact]
    public async Task PostgreSQL_data_is_kept_across_AppHost_runs_in_its_volume()
    {
        await using var first = DistributedApplicationTestingBuilder.Create(ContainerRuntime);
        var pg = first.AddPostgres("pg").WithDataVolume();
        pg.AddDatabase("appdb");
        string appHostId;
        await using (var app = await first.BuildAsync(Token))
        {
            await app.StartAsync(Token);
            appHostId = app.Services.GetRequiredService<Hosting.Orchestration.Container.ContainerRuntime>().AppHostId;
            await app.ResourceNotifications.WaitForResourceHealthyAsync("appdb", Token).WaitAsync(Timeout, Token);
            await using var data = NpgsqlDataSource.Create((await app.GetConnectionStringAsync("appdb", Token))!);
            await data.CreateCommand("CREATE TABLE notes (body text); INSERT INTO notes VALUES ('kept')").ExecuteNonQueryAsync(Token);
        }

        Assert.Empty(await engine.ContainersOfAsync(appHostId, Token));

        await using var second = DistributedApplicationTestingBuilder.Create(ContainerRuntime);
        second.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Nuzantara:StateDirectory"] = first.StateDirectory,
            ["Nuzantara:SecretsPath"] = Path.Combine(first.StateDirectory, "secrets.json"),
        });
        second.AddPostgres("pg").WithDataVolume().AddDatabase("appdb");
        await using (var app = await second.BuildAsync(Token))
        {
            await app.StartAsync(Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("appdb", Token).WaitAsync(Timeout, Token);
            await using var data = NpgsqlDataSource.Create((await app.GetConnectionStringAsync("appdb", Token))!);
            Assert.Equal("kept", await data.CreateCommand("SELECT body FROM notes").ExecuteScalarAsync(Token));
        }

        await engine.Client.Volumes.RemoveAsync(ContainerNames.Volume(appHostId, VolumeNameGenerator.Generate(pg, "data")), force: true, Token);
    }

    [Fact]
    public async Task The_next_AppHost_removes_the_containers_a_SIGKILLed_one_left_running()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create(ContainerRuntime);
        var metadata = new Projects.Nuzantara_Fixtures_RedisAppHost();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[metadata.TargetPath, .. ContainerRuntime, $"--Nuzantara:StateDirectory={builder.StateDirectory}",
            "--Nuzantara:RandomizePorts=true", $"--Nuzantara:SecretsPath={builder.StateDirectory}/secrets.json", "--Nuzantara:LiveConsole=false"])
        {
            start.ArgumentList.Add(arg);
        }

        using var crashing = Process.Start(start)!;
        crashing.OutputDataReceived += (_, _) => { };
        crashing.ErrorDataReceived += (_, _) => { };
        crashing.BeginOutputReadLine();
        crashing.BeginErrorReadLine();

        builder.AddRedis("redis");
        await using var app = await builder.BuildAsync(Token);
        var appHostId = app.Services.GetRequiredService<Hosting.Orchestration.Container.ContainerRuntime>().AppHostId;
        var orphan = await WaitForRunningContainerAsync(appHostId, "redis");
        crashing.Kill();
        await crashing.WaitForExitAsync(Token);
        Assert.Contains(await engine.ContainersOfAsync(appHostId, Token), c => c.ID == orphan && c.State == "running");

        // Another checkout's AppHost (another state directory, so another id) must not lose its containers.
        var (someoneElses, _) = await StartRedisContainerAsync(new Dictionary<string, string> { [ContainerNames.AppHostLabel] = "ffffffff" });
        try
        {
            await app.StartAsync(Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("redis", Token).WaitAsync(Timeout, Token);

            var containers = await engine.ContainersOfAsync(appHostId, Token);
            Assert.DoesNotContain(containers, c => c.ID == orphan);
            Assert.Single(containers);
            Assert.Contains(await engine.ContainersOfAsync("ffffffff", Token), c => c.ID == someoneElses && c.State == "running");
        }
        finally
        {
            await engine.Client.Containers.RemoveContainerAsync(someoneElses, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_missing_image_a_port_taken_by_a_container_and_an_engine_refusal_fail_their_resource_with_the_fix()
    {
        var (occupier, takenPort) = await StartRedisContainerAsync();
        try
        {
            await using var builder = DistributedApplicationTestingBuilder.Create(ContainerRuntime);
            builder.Configuration.AddInMemoryCollection(FixedPorts.Settings());
            builder.AddContainer("ghost", "nuzantara/no-such-image", "1.0");
            builder.AddRedis("cache", port: takenPort);
            // The engine itself refuses this one: a mount target must be an absolute path.
            builder.AddContainer("odd", "docker.io/library/redis", "7.4").WithBindMount(builder.StateDirectory, "relative/target");
            await using var app = await builder.BuildAsync(Token);
            await app.StartAsync(Token);

            var ghost = await app.ResourceNotifications.WaitForResourceAsync("ghost", KnownResourceStates.FailedToStart, Token).WaitAsync(Timeout, Token);
            Assert.Contains("'ghost'", ghost.Snapshot.StateReason);
            Assert.Contains("nuzantara/no-such-image:1.0", ghost.Snapshot.StateReason);
            Assert.Contains("images/build.sh", ghost.Snapshot.StateReason);

            var cache = await app.ResourceNotifications.WaitForResourceAsync("cache", KnownResourceStates.FailedToStart, Token).WaitAsync(Timeout, Token);
            Assert.Contains($"port {takenPort}", cache.Snapshot.StateReason);
            Assert.Contains("'cache'", cache.Snapshot.StateReason);
            Assert.Contains("redis-server", cache.Snapshot.StateReason);

            var odd = await app.ResourceNotifications.WaitForResourceAsync("odd", KnownResourceStates.FailedToStart, Token).WaitAsync(Timeout, Token);
            Assert.Contains("The container engine refused to run 'odd'", odd.Snapshot.StateReason);
            Assert.Contains("relative/target", odd.Snapshot.StateReason);

            var appHostId = app.Services.GetRequiredService<Hosting.Orchestration.Container.ContainerRuntime>().AppHostId;
            Assert.Empty(await engine.ContainersOfAsync(appHostId, Token));
            await app.StopAsync(Token);
            Assert.Empty(await engine.ContainersOfAsync(appHostId, Token));
        }
        finally
        {
            await engine.Client.Containers.RemoveContainerAsync(occupier, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Without_an_engine_the_container_runtime_refuses_to_start_and_says_what_to_start()
    {
        var nowhere = Path.Combine(Path.GetTempPath(), $"no-engine-{Guid.NewGuid():N}.sock");
        await using var builder = DistributedApplicationTestingBuilder.Create("--runtime", "container", $"--DOCKER_HOST=unix://{nowhere}");
        builder.AddRedis("redis");
        await using var app = await builder.BuildAsync(Token);

        var refused = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync(Token));

        Assert.Contains("--runtime container needs a container engine", refused.Message);
        Assert.Contains("--runtime process", refused.Message);
        Assert.DoesNotContain(app.ResourceNotifications.GetSnapshots(), s => s.ProcessId is not null);
    }

    /// <summary>
    /// Creates a document as a client would: a 503 (the backend not ready yet after a dependency came back) is not an
    /// acknowledgement and is retried; the 201's Location is what must still be readable later.
    /// </summary>
    private static async Task<string> PostUntilAcknowledgedAsync(HttpClient gateway, string title)
    {
        var (status, location) = await Eventually.ReadAsync(async () =>
            {
                using var created = await gateway.PostAsJsonAsync("/api/documents", new { title, body = "acknowledged", tags = new[] { "kill" } }, Token);
                return (created.StatusCode, created.Headers.Location?.ToString());
            },
            created => created.StatusCode != HttpStatusCode.ServiceUnavailable, Timeout, _ => $"'{title}' still answered 503");
        Assert.Equal(HttpStatusCode.Created, status);
        return location!;
    }

    /// <summary>A Redis container on the host's network, not started by an AppHost of these tests, on a port of its own.</summary>
    private async Task<(string Id, int Port)> StartRedisContainerAsync(IDictionary<string, string>? labels = null)
    {
        var port = PortAllocator.FreePort();
        var created = await engine.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = $"nuzantara-test-redis-{port}",
            Image = "docker.io/library/redis:7.4",
            Cmd = ["redis-server", "--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            Labels = labels,
            HostConfig = new HostConfig { NetworkMode = "host" },
        }, Token);
        await engine.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), Token);
        await Eventually.ReadAsync(() => Task.FromResult(PortAllocator.PortHolder("127.0.0.1", port)), holder => holder is not null, Timeout,
            _ => $"the Redis container did not listen on {port}");
        return (created.ID, port);
    }

    private async Task<string> WaitForRunningContainerAsync(string appHostId, string resource)
    {
        var containers = await Eventually.ReadAsync(() => engine.ContainersOfAsync(appHostId, Token),
            listed => listed.Any(c => c.State == "running" && c.Labels[ContainerNames.ResourceLabel] == resource), Timeout,
            _ => $"The AppHost did not start a '{resource}' container");
        return containers.First(c => c.State == "running" && c.Labels[ContainerNames.ResourceLabel] == resource).ID;
    }
}
