using System.Globalization;
using Docker.DotNet.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nuzantara.AppHost.Tests.LiveEngine;
using Nuzantara.Hosting.Orchestration;
using Nuzantara.Hosting.Orchestration.Container;

namespace Nuzantara.AppHost.Tests;

/// <summary>WithLifetime(ContainerLifetime.Persistent) against a real Docker engine: kept across AppHost runs, reused or re-created.</summary>
[Collection(LiveEngineCollection.Name)]
public sealed class ContainerLifetimeTests(LiveDockerEngine engine)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_persistent_container_outlives_the_AppHost_is_reused_unchanged_and_re_created_when_its_configuration_changes()
    {
        await using var first = Builder(null);
        first.AddRedis("keeper").WithLifetime(ContainerLifetime.Persistent);
        first.AddContainer("passing", "docker.io/library/redis", "7.4").WithArgs("redis-server", "--bind", "127.0.0.1", "--port", PortAllocator.FreePort().ToString(CultureInfo.InvariantCulture));
        string appHostId;
        string created;
        int port;
        try
        {
            await using (var app = await first.BuildAsync(Token))
            {
                await app.StartAsync(Token);
                appHostId = app.Services.GetRequiredService<ContainerRuntime>().AppHostId;
                await app.ResourceNotifications.WaitForResourceHealthyAsync("keeper", Token).WaitAsync(Timeout, Token);
                await app.ResourceNotifications.WaitForResourceAsync("passing", KnownResourceStates.Running, Token).WaitAsync(Timeout, Token);
                created = (await engine.ContainersOfAsync(appHostId, Token)).Single(c => c.Labels[ContainerNames.ResourceLabel] == "keeper").ID;
                port = app.GetEndpoint("keeper", RedisResource.PrimaryEndpointName).Port;
                await app.StopAsync(Token);
            }

            // The session container went with the AppHost; the persistent one is still running, and still answers.
            var left = await engine.ContainersOfAsync(appHostId, Token);
            var kept = Assert.Single(left);
            Assert.Equal(created, kept.ID);
            Assert.Equal("running", kept.State);
            Assert.Equal("persistent", kept.Labels[ContainerNames.LifetimeLabel]);
            var startedAt = (await engine.Client.Containers.InspectContainerAsync(created, Token)).State.StartedAt;

            await using (var second = Builder(first.StateDirectory))
            {
                second.AddRedis("keeper").WithLifetime(ContainerLifetime.Persistent);
                await using var app = await second.BuildAsync(Token);
                await app.StartAsync(Token);
                // Healthy: the reused container answers on the port (and to the password) this run hands out, the first run's.
                await app.ResourceNotifications.WaitForResourceHealthyAsync("keeper", Token).WaitAsync(Timeout, Token);
                Assert.Equal(port, app.GetEndpoint("keeper", RedisResource.PrimaryEndpointName).Port);

                var reused = Assert.Single(await engine.ContainersOfAsync(appHostId, Token));
                Assert.Equal(created, reused.ID);
                // Not restarted either: the same process has been running since the first run.
                Assert.Equal(startedAt, (await engine.Client.Containers.InspectContainerAsync(created, Token)).State.StartedAt);
                Assert.Contains(app.ResourceLogs.GetLines("keeper"), l => l.Text.StartsWith("[nuzantara] reusing persistent container", StringComparison.Ordinal));
                await app.StopAsync(Token);
            }

            await using (var third = Builder(first.StateDirectory))
            {
                third.AddRedis("keeper").WithLifetime(ContainerLifetime.Persistent).WithEnvironment("CHANGED", "yes");
                await using var app = await third.BuildAsync(Token);
                await app.StartAsync(Token);
                await app.ResourceNotifications.WaitForResourceHealthyAsync("keeper", Token).WaitAsync(Timeout, Token);

                var recreated = Assert.Single(await engine.ContainersOfAsync(appHostId, Token));
                Assert.NotEqual(created, recreated.ID);
                Assert.Equal("running", recreated.State);
                var inspected = await engine.Client.Containers.InspectContainerAsync(recreated.ID, Token);
                Assert.Contains("CHANGED=yes", inspected.Config.Env);
                Assert.Contains(app.ResourceLogs.GetLines("keeper"), l => l.Text.Contains("changed: re-creating it", StringComparison.Ordinal));
                await app.StopAsync(Token);
            }

            Assert.Equal("running", Assert.Single(await engine.ContainersOfAsync(appHostId, Token)).State);
        }
        finally
        {
            foreach (var container in await engine.ContainersOfAsync(ContainerNames.AppHostId(new Nuzantara.Hosting.HostingOptions { StateDirectory = first.StateDirectory }), CancellationToken.None))
            {
                await engine.Client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, CancellationToken.None);
            }
        }
    }

    private IDistributedApplicationTestingBuilder Builder(string? stateDirectory)
    {
        var builder = DistributedApplicationTestingBuilder.Create("--runtime", "container", $"--DOCKER_HOST={engine.DockerHost}");
        if (stateDirectory is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Nuzantara:StateDirectory"] = stateDirectory,
                ["Nuzantara:SecretsPath"] = Path.Combine(stateDirectory, "secrets.json"),
            });
        }

        return builder;
    }
}
